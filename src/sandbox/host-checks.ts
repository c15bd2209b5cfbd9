// Why the host cannot run a sandbox: bwrap, user namespaces and Landlock, each with the knob to turn.
import {accessSync, constants, readFileSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import {KernelError} from '../kernel/errno.js'
import {landlockAbiVersion} from '../kernel/landlock.js'
import {LaunchError} from './launch-error.js'

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return undefined
  }
}

/** The bwrap binary: $LANDJAIL_BWRAP, else the first `bwrap` on PATH. */
export function findBwrap(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.LANDJAIL_BWRAP ? [env.LANDJAIL_BWRAP] : (env.PATH ?? '/usr/bin:/bin').split(delimiter).map((d) => join(d || '.', 'bwrap'))
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch {
      // try the next
    }
  }
  throw new LaunchError('bubblewrap (bwrap) is not installed or not on PATH', 'install it: apt-get install bubblewrap')
}

/** The active LSMs, when /sys/kernel/security/lsm is readable. */
export function activeLsms(): string[] | undefined {
  return readText('/sys/kernel/security/lsm')?.split(',')
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

/** The sysctl that keeps unprivileged user namespaces off, if one does. */
export function userNamespaceBlocker(): {readonly sysctl: string; readonly value: string} | undefined {
  const checks: [string, string, (v: string) => boolean][] = [
    ['kernel.unprivileged_userns_clone', '/proc/sys/kernel/unprivileged_userns_clone', (v) => v === '0'],
    ['user.max_user_namespaces', '/proc/sys/user/max_user_namespaces', (v) => v === '0'],
    ['kernel.apparmor_restrict_unprivileged_userns', '/proc/sys/kernel/apparmor_restrict_unprivileged_userns', (v) => v === '1'],
  ]
  for (const [sysctl, path, blocks] of checks) {
    const value = readText(path)
    if (value !== undefined && blocks(value)) return {sysctl, value}
  }
  return undefined
}

/** A LaunchError for a bwrap that failed before starting the sandbox. */
export function userNamespaceError(): LaunchError {
  const blocker = userNamespaceBlocker()
  if (blocker === undefined) {
    return new LaunchError('bwrap could not set up the sandbox (see its message above)',
      'check that unprivileged user namespaces work: `bwrap --unshare-user --ro-bind / / true`; see `landjail doctor`')
  }
  const fix = blocker.sysctl === 'kernel.apparmor_restrict_unprivileged_userns' ? '0' : blocker.sysctl === 'user.max_user_namespaces' ? '15000' : '1'
  return new LaunchError(`unprivileged user namespaces are disabled (${blocker.sysctl} = ${blocker.value})`,
    `enable them: sysctl -w ${blocker.sysctl}=${fix}`)
}
