// Run in a child process by probeSystem: can this kernel hand out a seccomp listener with SYNC_WAKE_UP?
// Installing a filter is irreversible, so it never runs in landjail's own process.
import {AUDIT_ARCH_X86_64, buildFilter, encodeFilter, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_USER_NOTIF} from '../kernel/bpf.js'
import {KernelError} from '../kernel/errno.js'
import {closeFd} from '../kernel/fd.js'
import {setNoNewPrivs} from '../kernel/prctl.js'
import {SECCOMP_FILTER_FLAG_NEW_LISTENER, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, seccompNotifSetFlags, seccompSetModeFilter} from '../kernel/seccomp.js'
import {SYSCALLS_X86_64} from '../kernel/syscalls.js'

export interface ListenerProbe {
  readonly listener: boolean
  readonly syncWakeUp: boolean
  readonly error?: string
}

function probeListener(): ListenerProbe {
  const filter = encodeFilter(buildFilter({
    arch: AUDIT_ARCH_X86_64,
    otherArch: SECCOMP_RET_KILL_PROCESS,
    x32: SECCOMP_RET_KILL_PROCESS,
    rules: [{nr: SYSCALLS_X86_64.kexec_load, action: SECCOMP_RET_USER_NOTIF}],
    defaultAction: SECCOMP_RET_ALLOW,
  }))
  let fd: number
  try {
    setNoNewPrivs()
    fd = seccompSetModeFilter(filter, SECCOMP_FILTER_FLAG_NEW_LISTENER)
  } catch (err) {
    return {listener: false, syncWakeUp: false, error: err instanceof KernelError ? err.message : String(err)}
  }
  try {
    seccompNotifSetFlags(fd, BigInt(SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP))
    return {listener: true, syncWakeUp: true}
  } catch (err) {
    return {listener: true, syncWakeUp: false, error: err instanceof KernelError ? err.message : String(err)}
  } finally {
    closeFd(fd)
  }
}

process.stdout.write(`${JSON.stringify(probeListener())}\n`)
