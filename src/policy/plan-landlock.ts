// Lowering to Landlock: one allow rule per path where the policy allows, rights cut to the running ABI.
import {ACCESSES, type Access} from '../profile/types.js'
import {rulesAt, winner} from './decide.js'
import {rulePoints, sortByDepth, type FsView} from './concretise.js'
import {splitExecGrants, type Grant} from './plan-exec-split.js'
import {formatOrigin, originOf, type Sources} from './origin.js'
import type {LandlockNetRule, LandlockPathRule, LandlockPlan, NetRight, Origin, PlanWarning, Scope} from './plan-types.js'
import type {Policy, PolicyRule} from './policy.js'
import {fsRightsOf, rightsFor} from './rights.js'

/**
 * One rule per path where the winning rule for some access is an allow. `policy` must be concrete
 * (no globs). `unknown: allow` grants at "/" whatever no rule at "/" takes away.
 */
export function planLandlock(policy: Policy, fs: FsView, abi: number, sources: Sources): {plan: LandlockPlan; warnings: PlanWarning[]} {
  const warnings: PlanWarning[] = []
  const grants = new Map<string, Grant & {origin?: Origin}>()
  const points = rulePoints(policy)
  if (!points.includes('/')) points.unshift('/')
  for (const p of points) {
    const type = fs.kind(p)
    if (type === 'missing') continue
    const allowed: Access[] = []
    let origin: PolicyRule | undefined
    for (const access of ACCESSES) {
      const w = winner(rulesAt(policy, p, access))
      if (w?.effect === 'allow' || (!w && p === '/' && policy.unknown === 'allow')) {
        allowed.push(access)
        origin ??= w
      }
    }
    if (allowed.length === 0) continue
    const o = originOf(origin?.span, sources)
    grants.set(p, {rights: rightsFor(allowed, type, abi), type, ...(o ? {origin: o} : {})})
  }
  splitExecGrants(policy, fs, grants)
  const pathRules: LandlockPathRule[] = sortByDepth([...grants.keys()]).map((path) => {
    const {rights, origin} = grants.get(path) as Grant & {origin?: Origin}
    return origin ? {path, rights, origin} : {path, rights}
  })

  const handledNet: NetRight[] = []
  const netRules: LandlockNetRule[] = []
  const net = policy.network
  if (!net.none) {
    for (const [key, right] of [['connect', 'CONNECT_TCP'], ['bind', 'BIND_TCP']] as const) {
      const ports = net[key]
      if (ports === undefined) continue
      if (abi < 4) {
        warnings.push({code: 'ABI_NO_NETWORK', message: `network.${key} is not enforced: Landlock ABI ${abi} has no TCP port rules (needs 4)`, ...withOrigin(originOf(policy.networkSpans[key], sources))})
        continue
      }
      handledNet.push(right)
      for (const port of ports) {
        const existing = netRules.findIndex((r) => r.port === port)
        if (existing >= 0) netRules[existing] = {port, rights: [...(netRules[existing] as LandlockNetRule).rights, right]}
        else netRules.push({port, rights: [right]})
      }
    }
  }

  const scoped: Scope[] = []
  if (!policy.ipc.abstractUnix) scoped.push('ABSTRACT_UNIX_SOCKET')
  if (!policy.ipc.signal) scoped.push('SIGNAL')
  if (abi < 6 && scoped.length > 0) {
    warnings.push({code: 'ABI_NO_SCOPE', message: `abstract unix sockets and signals to processes outside are not blocked: Landlock ABI ${abi} has no scopes (needs 6)`})
  }
  warnings.push(...downgradeWarnings(policy, abi, sources))
  return {
    plan: {abi, handledFs: fsRightsOf(abi), handledNet, scoped: abi < 6 ? [] : scoped, pathRules, netRules: netRules.sort((a, b) => a.port - b.port)},
    warnings,
  }
}

/** What an older ABI cannot do, each naming a profile line it affects. */
function downgradeWarnings(policy: Policy, abi: number, sources: Sources): PlanWarning[] {
  const out: PlanWarning[] = []
  if (abi < 2) out.push({code: 'ABI_NO_REFER', message: `moving or linking files between directories always fails: Landlock ABI ${abi} cannot allow it (needs 2)`})
  const writable = abi < 3 ? new Set(policy.rules.filter((w) => w.access === 'write' && w.effect === 'allow').map((w) => w.path)) : undefined
  const firstNonWrite = writable && policy.rules.find((r) => r.access === 'read' && r.effect === 'allow' && !writable.has(r.path))
  if (firstNonWrite) {
    const o = originOf(firstNonWrite.span, sources)
    out.push({code: 'ABI_NO_TRUNCATE', message: `truncate is not restricted, so files readable under ${formatOrigin(o)} can be emptied: Landlock ABI ${abi} (needs 3)`, ...withOrigin(o)})
  }
  if (abi < 5) out.push({code: 'ABI_NO_IOCTL_DEV', message: `ioctl on devices opened in the sandbox is not restricted: Landlock ABI ${abi} (needs 5)`})
  return out
}

function withOrigin(o: ReturnType<typeof originOf>): {origin?: NonNullable<typeof o>} {
  return o ? {origin: o} : {}
}
