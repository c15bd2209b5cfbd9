// Lowering to the mount plan: what Landlock cannot express (a deny inside an allowed tree, an allow
// inside a hidden one) becomes bwrap operations, placed by comparing the kernel model with the policy.
import {ACCESSES, type Access} from '../profile/types.js'
import {decide, enforced, rulesAt, winner} from './decide.js'
import {byDepth, rulePoints, type FsView} from './concretise.js'
import {formatOrigin, originOf, type Sources} from './origin.js'
import type {LandlockPlan, MountPlan, Origin, PlanWarning} from './plan-types.js'
import type {Policy} from './policy.js'
import {KernelModel} from './simulate.js'

type Answers = Record<Access, boolean>

/**
 * Walk the rule points parents first. Between two points neither the policy nor the kernel changes,
 * so making them agree at every point makes them agree everywhere (for paths that exist at launch).
 */
export function planMounts(policy: Policy, landlock: LandlockPlan, fs: FsView, sources: Sources): {plan: MountPlan; warnings: PlanWarning[]} {
  const kernel = new KernelModel(landlock)
  const warnings: PlanWarning[] = []
  for (const dir of [...policy.private].sort(byDepth)) {
    if (fs.kind(dir) === 'dir') kernel.push({kind: 'tmpfs', path: dir})
  }
  const insidePrivate = (p: string) => policy.private.some((d) => p === d || p.startsWith(d + '/'))

  for (const p of rulePoints(policy)) {
    if (p === '/' || insidePrivate(p)) continue
    const type = fs.kind(p)
    if (type === 'missing') continue
    const want = answers((a) => enforced(decide(policy, p, a).verdict) === 'allow')
    const have = answers((a) => kernel.allows(p, a))
    if (same(want, have)) continue
    const origin = originAt(policy, p, sources)
    const withO = origin ? {origin} : {}

    // A read the kernel would give but the policy denies: hide the path (blacklist).
    if (have.read && !want.read) {
      kernel.push({kind: 'hide', path: p, type, traverse: false, ...withO})
      if (want.write || want.exec) warnings.push(notExact(p, origin, `hiding ${p} also denies ${describe(want)}, which the policy allows`))
      continue
    }
    // Something a mount above took away but the policy gives back: bind the path in again.
    if (ACCESSES.some((a) => want[a] && !have[a])) {
      const readonly = !want.write
      kernel.push({kind: 'bind', path: p, readonly, ...withO})
      const after = answers((a) => kernel.allows(p, a))
      if (after.read && !want.read) {
        kernel.pop()
        kernel.push({kind: 'hide', path: p, type, traverse: false, ...withO})
        warnings.push(notExact(p, origin, `${p} stays hidden although the policy allows ${describe(want)} there`))
        continue
      }
      Object.assign(have, after)
    }
    if (have.write && !want.write) {
      kernel.push({kind: 'readonly', path: p, ...withO})
      have.write = false
    }
    if (have.exec && !want.exec) {
      warnings.push(notExact(p, origin, `executing under ${p} is not denied in enforce mode (no mount can forbid only execution); use supervise mode or move the exec rule`))
    }
    for (const a of ACCESSES) {
      if (want[a] && !have[a] && !kernel.landlockAllows(p, a)) {
        warnings.push(notExact(p, origin, `${a} of ${p} is denied by the kernel although the policy allows it`))
      }
    }
  }

  // A hidden directory with something bound back inside keeps its x bits so the way in still works.
  const ops = kernel.list()
  const bound = ops.filter((o) => o.kind === 'bind').map((o) => o.path)
  const finalOps = ops.map((op) =>
    op.kind === 'hide' && op.type === 'dir' && bound.some((b) => b.startsWith(op.path + '/')) ? {...op, traverse: true} : op,
  )
  return {plan: {unshareNet: policy.network.none, ops: finalOps}, warnings}
}

function answers(f: (a: Access) => boolean): Answers {
  return {read: f('read'), write: f('write'), exec: f('exec')}
}

function same(a: Answers, b: Answers): boolean {
  return a.read === b.read && a.write === b.write && a.exec === b.exec
}

function describe(a: Answers): string {
  return ACCESSES.filter((x) => a[x]).join(' and ')
}

function notExact(path: string, origin: Origin | undefined, message: string): PlanWarning {
  return {code: 'NOT_EXACT', message: `${formatOrigin(origin)}: ${message}`, path, ...(origin ? {origin} : {})}
}

/** The rule that speaks at a point, to name its line. */
function originAt(policy: Policy, p: string, sources: Sources): Origin | undefined {
  for (const a of ACCESSES) {
    const w = winner(rulesAt(policy, p, a))
    if (w?.effect === 'deny') return originOf(w.span, sources)
  }
  for (const a of ACCESSES) {
    const w = winner(rulesAt(policy, p, a))
    if (w) return originOf(w.span, sources)
  }
  return undefined
}
