// `landjail doctor`: each piece landjail relies on, whether it is here, and what its absence costs.
import {spawnSync} from 'node:child_process'
import {release} from 'node:os'
import {seccompGetNotifSizes} from '../kernel/seccomp.js'
import {NEWEST_ABI} from '../policy/rights.js'
import {activeLsms, findBwrap, userNamespaceBlocker} from '../sandbox/host-checks.js'
import {checkLandlock} from '../sandbox/landlock-check.js'
import {describeError} from './errors.js'

const ABI_GAINS: Record<number, string> = {
  2: 'moving and linking files between directories (REFER)',
  3: 'truncate control (TRUNCATE)',
  4: 'TCP port rules for network.connect and network.bind',
  5: 'ioctl control on devices (IOCTL_DEV)',
  6: 'scoping of abstract unix sockets and signals',
  7: 'audit logging flags',
}

/** One line per check; `ok` is false when a sandbox cannot run at all. */
export function diagnoseSystem(): {lines: string[]; ok: boolean} {
  const lines: string[] = []
  let ok = true
  try {
    const abi = checkLandlock()
    lines.push(`ok    Landlock ABI ${abi}${abi >= NEWEST_ABI ? ' (everything landjail uses)' : ''}`)
    for (let v = abi + 1; v <= NEWEST_ABI; v++) lines.push(`      missing with ABI ${abi}: ${ABI_GAINS[v]} (needs ABI ${v})`)
  } catch (error) {
    ok = false
    lines.push(`FAIL  Landlock: ${describeError(error)}`)
  }
  const lsms = activeLsms()
  if (lsms) lines.push(`info  active LSMs: ${lsms.join(',')}`)

  let bwrap: string | undefined
  try {
    bwrap = findBwrap()
    const version = spawnSync(bwrap, ['--version'], {encoding: 'utf8'}).stdout.trim()
    lines.push(`ok    bubblewrap: ${bwrap} (${version || 'version unknown'})`)
  } catch (error) {
    ok = false
    lines.push(`FAIL  bubblewrap: ${describeError(error)}`)
  }

  const blocker = userNamespaceBlocker()
  const userns = bwrap ? spawnSync(bwrap, ['--unshare-user', '--ro-bind', '/', '/', 'true'], {encoding: 'utf8'}) : undefined
  if (userns?.status === 0) lines.push('ok    unprivileged user namespaces')
  else {
    ok = false
    lines.push(`FAIL  unprivileged user namespaces: ${blocker ? `disabled by ${blocker.sysctl} = ${blocker.value}` : (userns?.stderr.trim() || 'cannot test without bwrap')}`)
    lines.push('      without them no sandbox can start (bwrap needs them for the mount namespace)')
  }

  try {
    const sizes = seccompGetNotifSizes()
    lines.push(`ok    seccomp user notification (seccomp_notif ${sizes.seccompNotif} bytes, seccomp_notif_resp ${sizes.seccompNotifResp} bytes)`)
    const [major = 0, minor = 0] = release().split('.').map(Number)
    if (major > 6 || (major === 6 && minor >= 6)) lines.push(`ok    SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux ${release()})`)
    else lines.push(`warn  SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP needs Linux 6.6: each supervised call then costs a cross-CPU wake-up`)
  } catch (error) {
    lines.push(`warn  seccomp user notification: ${describeError(error)}`)
    lines.push('      without it supervise mode is unavailable; enforce mode works')
  }
  return {lines, ok}
}
