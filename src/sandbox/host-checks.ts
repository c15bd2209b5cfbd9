// Why the host cannot run a sandbox: bwrap and user namespaces, each with the knob to turn (Landlock: landlock-check.ts).
import {accessSync, constants, readFileSync} from 'node:fs'
import {delimiter, join} from 'node:path'
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
