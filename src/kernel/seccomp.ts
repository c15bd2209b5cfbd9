// seccomp(2): install a filter (optionally getting a user-notification listener fd) and ask the kernel what it supports.
import {checked} from './errno.js'
import {addressOf, libc} from './libc.js'
import {SYSCALLS_X86_64} from './syscalls.js'

export const SECCOMP_SET_MODE_STRICT = 0
export const SECCOMP_SET_MODE_FILTER = 1
export const SECCOMP_GET_ACTION_AVAIL = 2
export const SECCOMP_GET_NOTIF_SIZES = 3

export const SECCOMP_FILTER_FLAG_TSYNC = 1 << 0
export const SECCOMP_FILTER_FLAG_LOG = 1 << 1
export const SECCOMP_FILTER_FLAG_SPEC_ALLOW = 1 << 2
export const SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3
export const SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 1 << 4
export const SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 1 << 5

export const SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP = 1 << 0

/** SECCOMP_IOCTL_NOTIF_SET_FLAGS = _IOW('!', 4, __u64). */
export const SECCOMP_IOCTL_NOTIF_SET_FLAGS = 0x40082104

/**
 * Install a BPF filter on the calling thread (and what it execs). Needs no_new_privs or CAP_SYS_ADMIN.
 * Returns the listener fd when `flags` has SECCOMP_FILTER_FLAG_NEW_LISTENER, else 0.
 */
export function seccompSetModeFilter(filter: Buffer, flags = 0): number {
  const fprog = Buffer.alloc(16) // struct sock_fprog {unsigned short len; struct sock_filter *filter}
  fprog.writeUInt16LE(filter.length / 8, 0)
  fprog.writeBigUInt64LE(addressOf(filter), 8)
  const r = libc().syscall(SYSCALLS_X86_64.seccomp, 'unsigned int', SECCOMP_SET_MODE_FILTER, 'unsigned int', flags, 'void *', fprog)
  const fd = checked('seccomp(SECCOMP_SET_MODE_FILTER)', r, {hints: {EACCES: 'no_new_privs must be set first', EINVAL: 'invalid filter or unsupported flag'}})
  filter.readUInt8(0) // keep `filter` alive until the kernel has copied it
  return fd
}

export interface NotifSizes {
  readonly seccompNotif: number
  readonly seccompNotifResp: number
  readonly seccompData: number
}

/** SECCOMP_GET_NOTIF_SIZES: the struct sizes for user notification (fails on kernels without it). */
export function seccompGetNotifSizes(): NotifSizes {
  const buf = Buffer.alloc(6)
  checked('seccomp(SECCOMP_GET_NOTIF_SIZES)', libc().syscall(SYSCALLS_X86_64.seccomp, 'unsigned int', SECCOMP_GET_NOTIF_SIZES, 'unsigned int', 0, 'void *', buf))
  return {seccompNotif: buf.readUInt16LE(0), seccompNotifResp: buf.readUInt16LE(2), seccompData: buf.readUInt16LE(4)}
}

/** SECCOMP_IOCTL_NOTIF_SET_FLAGS on a listener fd. */
export function seccompNotifSetFlags(listenerFd: number, flags: bigint): void {
  const r = libc().ioctl(listenerFd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, 'uint64_t', flags)
  checked('ioctl(SECCOMP_IOCTL_NOTIF_SET_FLAGS)', r, {path: `fd ${listenerFd}`})
}
