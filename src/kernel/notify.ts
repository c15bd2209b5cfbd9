// Seccomp user notification on a listener fd (include/uapi/linux/seccomp.h): receive, check, answer, inject an fd.
// Hot path: every call works on Buffers allocated once and returns 0/a value or -errno instead of throwing.
import {writeInt64} from './int64.js'
import {raw} from './raw-syscall.js'
import {lastErrno} from './libc.js'
import {SYSCALLS_X86_64} from './syscalls.js'

/** _IOWR('!', 0, struct seccomp_notif) */
export const SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100
/** _IOWR('!', 1, struct seccomp_notif_resp) */
export const SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101
/** _IOW('!', 2, __u64) */
export const SECCOMP_IOCTL_NOTIF_ID_VALID = 0x40082102
/** _IOW('!', 3, struct seccomp_notif_addfd) */
export const SECCOMP_IOCTL_NOTIF_ADDFD = 0x40182103

export const SECCOMP_USER_NOTIF_FLAG_CONTINUE = 1
export const SECCOMP_ADDFD_FLAG_SETFD = 1 << 0
export const SECCOMP_ADDFD_FLAG_SEND = 1 << 1

/** struct seccomp_notif: id u64 @0, pid u32 @8, flags u32 @12, data {nr i32 @16, arch u32 @20, ip u64 @24, args u64[6] @32}. */
export const SECCOMP_NOTIF_SIZE = 80
export const NOTIF_ID = 0
export const NOTIF_PID = 8
export const NOTIF_NR = 16
export const NOTIF_ARCH = 20
export const NOTIF_ARGS = 32
/** struct seccomp_notif_resp: id u64 @0, val s64 @8, error s32 @16, flags u32 @20. */
export const SECCOMP_NOTIF_RESP_SIZE = 24
/** struct seccomp_notif_addfd: id u64 @0, flags u32 @8, srcfd u32 @12, newfd u32 @16, newfd_flags u32 @20. */
export const SECCOMP_NOTIF_ADDFD_SIZE = 24

/** The preallocated structs of one notification loop. */
export interface NotifBuffers {
  readonly notif: Buffer
  readonly resp: Buffer
  readonly addfd: Buffer
  readonly id: Buffer
}

export function allocNotifBuffers(): NotifBuffers {
  return {
    notif: Buffer.alloc(SECCOMP_NOTIF_SIZE),
    resp: Buffer.alloc(SECCOMP_NOTIF_RESP_SIZE),
    addfd: Buffer.alloc(SECCOMP_NOTIF_ADDFD_SIZE),
    id: Buffer.alloc(8),
  }
}

const IOCTL = SYSCALLS_X86_64.ioctl

/** SECCOMP_IOCTL_NOTIF_RECV into bufs.notif; 0 or -errno (ENOENT: the caller went away before we read it). */
export function notifRecv(listener: number, bufs: NotifBuffers): number {
  bufs.notif.fill(0) // the kernel refuses a non-zeroed struct
  return raw().sLLP(IOCTL, listener, SECCOMP_IOCTL_NOTIF_RECV, bufs.notif) < 0 ? -lastErrno() : 0
}

/** SECCOMP_IOCTL_NOTIF_ID_VALID: is the notification `id` (8 bytes LE) still waiting, i.e. is its memory still that caller's? */
export function notifIdValid(listener: number, id: Buffer): boolean {
  return raw().sLLP(IOCTL, listener, SECCOMP_IOCTL_NOTIF_ID_VALID, id) === 0
}

/** SECCOMP_IOCTL_NOTIF_SEND: the syscall returns `val` (error 0), fails with -error, or continues (flags CONTINUE). */
export function notifSend(listener: number, bufs: NotifBuffers, id: Buffer, val: number, error: number, flags: number): number {
  const r = bufs.resp
  id.copy(r, 0, 0, 8)
  writeInt64(r, 8, val)
  r.writeInt32LE(error, 16)
  r.writeUInt32LE(flags, 20)
  return raw().sLLP(IOCTL, listener, SECCOMP_IOCTL_NOTIF_SEND, r) < 0 ? -lastErrno() : 0
}

/**
 * SECCOMP_IOCTL_NOTIF_ADDFD with SECCOMP_ADDFD_FLAG_SEND: install `srcfd` in the caller and make it the syscall's return
 * value in one step. Returns the caller's new fd number, or -errno.
 */
export function notifAddfdSend(listener: number, bufs: NotifBuffers, id: Buffer, srcfd: number, newfdFlags: number): number {
  const a = bufs.addfd
  id.copy(a, 0, 0, 8)
  a.writeUInt32LE(SECCOMP_ADDFD_FLAG_SEND, 8)
  a.writeUInt32LE(srcfd, 12)
  a.writeUInt32LE(0, 16)
  a.writeUInt32LE(newfdFlags, 20)
  const r = raw().sLLP(IOCTL, listener, SECCOMP_IOCTL_NOTIF_ADDFD, a)
  return r < 0 ? -lastErrno() : r
}
