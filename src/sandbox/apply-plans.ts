// Apply the kernel side of the plans to the calling thread, in the fixed order: Landlock ruleset, capabilities,
// no_new_privs, restrict_self, seccomp. Irreversible: only the in-sandbox stage calls this, just before execve.
import {fstatSync} from 'node:fs'
import type {LandlockPlan, SeccompPlan} from '../policy/plan-types.js'
import {AUDIT_ARCH_X86_64, buildFilter, encodeFilter, retErrno, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, type SyscallRule} from '../kernel/bpf.js'
import {dropAllCapabilities} from '../kernel/capabilities.js'
import {errnoNumber} from '../kernel/errno.js'
import {closeFd} from '../kernel/fd.js'
import {
  LANDLOCK_ACCESS_FS, LANDLOCK_ACCESS_FS_FILE, LANDLOCK_ACCESS_NET, LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF, LANDLOCK_SCOPE, landlockAddNetPort, landlockAddPathBeneath,
  landlockCreateRuleset, landlockRestrictSelf, maskOf, openPathForRule,
} from '../kernel/landlock.js'
import {setNoNewPrivs} from '../kernel/prctl.js'
import {seccompSetModeFilter} from '../kernel/seccomp.js'
import {ioctlNumber, SYSCALLS_X86_64, syscallNumber} from '../kernel/syscalls.js'

/** Build the Landlock ruleset of a plan; returns its fd, or undefined when the plan handles nothing. */
export function createLandlockRuleset(plan: LandlockPlan): number | undefined {
  const handledFs = maskOf(LANDLOCK_ACCESS_FS, plan.handledFs, 'filesystem right')
  const handledNet = maskOf(LANDLOCK_ACCESS_NET, plan.handledNet, 'network right')
  const scoped = maskOf(LANDLOCK_SCOPE, plan.scoped, 'scope')
  if (handledFs === 0n && handledNet === 0n && scoped === 0n) return undefined
  const ruleset = landlockCreateRuleset({handledAccessFs: handledFs, handledAccessNet: handledNet, scoped})
  for (const rule of plan.pathRules) {
    const fd = openPathForRule(rule.path)
    if (fd === undefined) continue // a path that does not exist in the sandbox grants nothing
    try {
      let rights = maskOf(LANDLOCK_ACCESS_FS, rule.rights, 'filesystem right')
      if (!fstatSync(fd).isDirectory()) rights &= LANDLOCK_ACCESS_FS_FILE
      if (rights !== 0n) landlockAddPathBeneath(ruleset, fd, rights, rule.path)
    } finally {
      closeFd(fd)
    }
  }
  for (const rule of plan.netRules) landlockAddNetPort(ruleset, rule.port, maskOf(LANDLOCK_ACCESS_NET, rule.rights, 'network right'))
  return ruleset
}

/** The deny-list filter of a seccomp plan: wrong arch and x32 kill the process; listed calls fail with their errno. */
export function buildDenyFilter(plan: SeccompPlan): Buffer {
  const rules: SyscallRule[] = []
  if (plan.denyIoctls.length > 0) {
    rules.push({nr: SYSCALLS_X86_64.ioctl, action: retErrno(errnoNumber('EPERM')), when: {arg: 1, values: plan.denyIoctls.map(ioctlNumber)}})
  }
  for (const {syscall, errno} of plan.deny) rules.push({nr: syscallNumber(syscall), action: retErrno(errnoNumber(errno))})
  return encodeFilter(buildFilter({
    arch: AUDIT_ARCH_X86_64,
    otherArch: SECCOMP_RET_KILL_PROCESS,
    x32: SECCOMP_RET_KILL_PROCESS,
    rules,
    defaultAction: SECCOMP_RET_ALLOW,
  }))
}

/** Confine the calling thread as the plans say; what it execs next inherits all of it. */
export function applyKernelPlans(landlock: LandlockPlan, seccomp: SeccompPlan): void {
  const filter = buildDenyFilter(seccomp) // before anything irreversible: a bad name fails early
  const ruleset = createLandlockRuleset(landlock)
  dropAllCapabilities()
  setNoNewPrivs()
  if (ruleset !== undefined) {
    // ABI 7: the stage's own failed execve attempts along PATH are not worth an audit record; the program's
    // denials keep the kernel default (not logged after exec).
    landlockRestrictSelf(ruleset, landlock.abi >= 7 ? LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF : 0)
    closeFd(ruleset)
  }
  seccompSetModeFilter(filter)
}
