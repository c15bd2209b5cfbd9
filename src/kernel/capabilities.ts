// Drop every capability: bounding set, ambient set, then effective/permitted/inheritable (linux/capability.h).
import {checked} from './errno.js'
import {libc, lastErrno} from './libc.js'
import {PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, PR_CAPBSET_DROP, PR_CAPBSET_READ} from './prctl.js'
import {SYSCALLS_X86_64} from './syscalls.js'

export const _LINUX_CAPABILITY_VERSION_3 = 0x20080522
const EINVAL = 22

function prctl2(option: number, arg: number): number {
  return Number(libc().prctl(option, 'unsigned long', arg, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0))
}

/** The highest capability number the kernel knows (what /proc/sys/kernel/cap_last_cap says), found by PR_CAPBSET_READ. */
export function capLastCap(): number {
  let cap = 0
  while (prctl2(PR_CAPBSET_READ, cap + 1) >= 0) cap++
  if (lastErrno() !== EINVAL) checked('prctl(PR_CAPBSET_READ)', -1)
  return cap
}

/** True when `cap` is in the bounding set. */
export function inBoundingSet(cap: number): boolean {
  return checked('prctl(PR_CAPBSET_READ)', prctl2(PR_CAPBSET_READ, cap)) === 1
}

/**
 * Drop all capabilities of the calling thread for good: nothing it execs can regain one.
 * Bounding set first (dropping needs CAP_SETPCAP, which the last step removes).
 */
export function dropAllCapabilities(): void {
  const last = capLastCap()
  for (let cap = 0; cap <= last; cap++) {
    if (inBoundingSet(cap)) checked('prctl(PR_CAPBSET_DROP)', prctl2(PR_CAPBSET_DROP, cap), {path: `cap ${cap}`, hints: {EPERM: 'CAP_SETPCAP is needed to shrink the bounding set'}})
  }
  checked('prctl(PR_CAP_AMBIENT_CLEAR_ALL)', libc().prctl(PR_CAP_AMBIENT, 'unsigned long', PR_CAP_AMBIENT_CLEAR_ALL, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0))
  const header = Buffer.alloc(8)
  header.writeUInt32LE(_LINUX_CAPABILITY_VERSION_3, 0)
  const data = Buffer.alloc(24) // two struct __user_cap_data_struct {effective, permitted, inheritable}, all zero
  checked('capset', libc().syscall(SYSCALLS_X86_64.capset, 'void *', header, 'void *', data))
}

/** The effective capability mask of the calling thread (capget). */
export function effectiveCapabilities(): bigint {
  const header = Buffer.alloc(8)
  header.writeUInt32LE(_LINUX_CAPABILITY_VERSION_3, 0)
  const data = Buffer.alloc(24)
  checked('capget', libc().syscall(SYSCALLS_X86_64.capget, 'void *', header, 'void *', data))
  return BigInt(data.readUInt32LE(0)) | (BigInt(data.readUInt32LE(12)) << 32n)
}
