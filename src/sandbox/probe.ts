// What this host offers a sandbox, for `landjail doctor`: Landlock ABI, user namespaces, seccomp notification, bwrap.
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {execa} from 'execa'
import {KernelError} from '../kernel/errno.js'
import {seccompGetNotifSizes, type NotifSizes} from '../kernel/seccomp.js'
import {activeLsms, findBwrap, userNamespaceBlocker} from './host-checks.js'
import {checkLandlock} from './landlock-check.js'
import {LaunchError} from './launch-error.js'
import type {ListenerProbe} from './probe-seccomp.js'

/** A feature that works, or why not and what to do. */
export type Support<T> =
  | ({readonly ok: true} & T)
  | {readonly ok: false; readonly reason: string; readonly hint?: string}

export interface SystemFacts {
  /** Landlock ABI version (1..7 today) or why Landlock is unusable. */
  readonly landlock: Support<{readonly abi: number}>
  /** Active LSMs from /sys/kernel/security/lsm, when readable. */
  readonly lsms: readonly string[] | undefined
  /** The bwrap binary and its version line (`bubblewrap 0.8.0`). */
  readonly bwrap: Support<{readonly path: string; readonly version: string}>
  /** `bwrap --unshare-user --ro-bind / / true` works. */
  readonly userNamespaces: Support<object>
  /** Seccomp user notification (supervise mode): struct sizes, a listener, and SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP. */
  readonly seccompNotify: Support<{readonly sizes: NotifSizes; readonly syncWakeUp: boolean}>
}

function failure(err: unknown): {ok: false; reason: string; hint?: string} {
  if (err instanceof LaunchError) return {ok: false, reason: err.message, hint: err.hint}
  return {ok: false, reason: err instanceof Error ? err.message : String(err)}
}

function probeLandlock(): SystemFacts['landlock'] {
  try {
    return {ok: true, abi: checkLandlock()}
  } catch (err) {
    return failure(err)
  }
}

async function probeBwrap(): Promise<{bwrap: SystemFacts['bwrap']; userNamespaces: SystemFacts['userNamespaces']}> {
  let path: string
  try {
    path = findBwrap()
  } catch (err) {
    const f = failure(err)
    return {bwrap: f, userNamespaces: {ok: false, reason: 'cannot test without bwrap'}}
  }
  const version = await execa(path, ['--version'], {reject: false, timeout: 5000})
  const bwrap: SystemFacts['bwrap'] = version.exitCode === 0
    ? {ok: true, path, version: version.stdout.trim()}
    : {ok: false, reason: `${path} --version failed: ${version.stderr.trim()}`}
  const run = await execa(path, ['--unshare-user', '--ro-bind', '/', '/', 'true'], {reject: false, timeout: 5000})
  if (run.exitCode === 0) return {bwrap, userNamespaces: {ok: true}}
  const blocker = userNamespaceBlocker()
  return {
    bwrap,
    userNamespaces: {
      ok: false,
      reason: run.stderr.trim() || `bwrap exited with ${run.exitCode}`,
      hint: blocker ? `${blocker.sysctl} = ${blocker.value}: change it with sysctl -w` : 'see kernel.unprivileged_userns_clone, user.max_user_namespaces, kernel.apparmor_restrict_unprivileged_userns',
    },
  }
}

async function probeSeccompNotify(): Promise<SystemFacts['seccompNotify']> {
  let sizes: NotifSizes
  try {
    sizes = seccompGetNotifSizes()
  } catch (err) {
    return {ok: false, reason: err instanceof KernelError ? err.message : String(err), hint: 'supervise mode needs Linux 5.0 or newer'}
  }
  const script = join(dirname(fileURLToPath(import.meta.url)), 'probe-seccomp.js')
  const child = await execa(process.execPath, [script], {reject: false, timeout: 10000})
  try {
    const probe = JSON.parse(child.stdout) as ListenerProbe
    if (!probe.listener) return {ok: false, reason: probe.error ?? 'no listener', hint: 'supervise mode needs SECCOMP_FILTER_FLAG_NEW_LISTENER'}
    return {ok: true, sizes, syncWakeUp: probe.syncWakeUp}
  } catch {
    return {ok: false, reason: `listener probe failed: ${child.stderr.trim() || `exit ${child.exitCode}`}`}
  }
}

/** Probe the host; never throws for a missing feature, it reports it. */
export async function probeSystem(): Promise<SystemFacts> {
  const [bwrapFacts, seccompNotify] = await Promise.all([probeBwrap(), probeSeccompNotify()])
  return {landlock: probeLandlock(), lsms: activeLsms(), ...bwrapFacts, seccompNotify}
}
