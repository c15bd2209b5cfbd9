// The second seccomp filter of supervise mode: the file-system calls of design section 5 go to the supervisor.
import {AUDIT_ARCH_X86_64, buildFilter, encodeFilter, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_USER_NOTIF} from '../kernel/bpf.js'
import {SECCOMP_FILTER_FLAG_NEW_LISTENER, seccompSetModeFilter} from '../kernel/seccomp.js'
import {SYSCALLS_X86_64, type SyscallName} from '../kernel/syscalls.js'

/** Every call that names a path to open, create, remove, rename, link, truncate or execute. */
export const TRAPPED_SYSCALLS: readonly SyscallName[] = [
  'open', 'openat', 'openat2', 'creat', 'mkdir', 'mkdirat', 'mknod', 'mknodat', 'unlink', 'unlinkat', 'rmdir',
  'rename', 'renameat', 'renameat2', 'link', 'linkat', 'symlink', 'symlinkat', 'truncate', 'execve', 'execveat',
]

/** The filter: other arches and x32 are killed (the deny-list filter does the same), trapped calls notify, the rest pass. */
export function buildNotifyFilter(): Buffer {
  return encodeFilter(buildFilter({
    arch: AUDIT_ARCH_X86_64,
    otherArch: SECCOMP_RET_KILL_PROCESS,
    x32: SECCOMP_RET_KILL_PROCESS,
    rules: TRAPPED_SYSCALLS.map((name) => ({nr: SYSCALLS_X86_64[name], action: SECCOMP_RET_USER_NOTIF})),
    defaultAction: SECCOMP_RET_ALLOW,
  }))
}

/** Install the notify filter on the calling thread; returns the listener fd. Must come after Landlock and the deny-list. */
export function installNotifyFilter(): number {
  return seccompSetModeFilter(buildNotifyFilter(), SECCOMP_FILTER_FLAG_NEW_LISTENER)
}
