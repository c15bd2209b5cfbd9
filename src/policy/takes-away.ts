// Does a new policy take away something an older one allows? Supervise mode asks this of a live edit: the kernel
// still enforces the launch policy (the floor), so while the answer is no, a call the floor allows may be continued.
import type {Access} from '../profile/types.js'
import {ancestors, decide, enforced} from './decide.js'
import {rulePoints} from './concretise.js'
import type {Policy} from './policy.js'

const ACCESSES: readonly Access[] = ['read', 'write', 'exec']

/**
 * True when some (path, access) that `before` allows is not allowed by `after`.
 *
 * Between rule points both decisions are constant (the deepest rule point above a path decides it), so checking every
 * literal rule point of either policy, their ancestors and `/` is exact for literal rules. A glob rule speaks at paths
 * that may only appear later, so a deny glob `after` has and `before` lacks counts as taking away (adding an allow
 * never does); the globs of `before` are checked at `globMatches` (the paths they match now).
 */
export function takesAway(before: Policy, after: Policy, globMatches: (pattern: string) => readonly string[] = () => []): boolean {
  const key = (r: {path: string; access: Access; effect: string}) => `${r.access} ${r.effect} ${r.path}`
  const beforeGlobs = new Set(ACCESSES.flatMap((a) => before.globs[a].map(key)))
  if (ACCESSES.some((a) => after.globs[a].some((g) => g.effect === 'deny' && !beforeGlobs.has(key(g))))) return true
  const points = new Set<string>(['/'])
  for (const p of [...rulePoints(before), ...rulePoints(after)]) for (const a of ancestors(p)) points.add(a)
  for (const a of ACCESSES) for (const g of before.globs[a]) for (const m of globMatches(g.path)) points.add(m)
  for (const path of points) {
    for (const access of ACCESSES) {
      if (enforced(decide(before, path, access).verdict) === 'allow' && enforced(decide(after, path, access).verdict) !== 'allow') return true
    }
  }
  return false
}
