// Whether the kernel runs Landlock, and if not, which knob to turn. Apart from host-checks.ts because it needs
// koffi, which a launch loads only when it has to.
import {KernelError} from '../kernel/errno.js'
import {landlockAbiVersion} from '../kernel/landlock.js'
import {NEWEST_ABI} from '../policy/rights.js'
import {activeLsms} from './host-checks.js'
import {LaunchError} from './launch-error.js'

/** The ABI landjail lowers for on this kernel: the kernel's, capped at the newest landjail knows. Throws KernelError without Landlock. */
export function loweringAbi(): number {
  return Math.min(landlockAbiVersion(), NEWEST_ABI)
}

/** The Landlock ABI, or a LaunchError that says whether the kernel config or the boot parameter is missing. */
export function checkLandlock(): number {
  try {
    return landlockAbiVersion()
  } catch (err) {
    if (!(err instanceof KernelError)) throw err
    const lsms = activeLsms()
    const listed = lsms === undefined ? '' : ` (active LSMs: ${lsms.join(',')})`
    if (err.code === 'ENOSYS') {
      throw new LaunchError(`Landlock is not available: the kernel has no landlock_create_ruleset (ENOSYS)${listed}`,
        'use a kernel built with CONFIG_SECURITY_LANDLOCK=y (Linux 5.13 or newer)')
    }
    if (err.code === 'EOPNOTSUPP') {
      throw new LaunchError(`Landlock is built into the kernel but disabled (EOPNOTSUPP)${listed}`,
        'add "landlock" to the lsm= boot parameter (or CONFIG_LSM), e.g. lsm=landlock,lockdown,yama,apparmor,bpf')
    }
    throw new LaunchError(`Landlock probe failed: ${err.message}`, 'see `landjail doctor`')
  }
}
