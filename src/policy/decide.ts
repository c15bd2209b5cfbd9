// The decision rule: most specific path wins; equal specificity, later layer; within a layer, deny.
import {matchGlob} from '../profile/glob.js'
import type {Access} from '../profile/types.js'
import type {Policy, PolicyRule} from './policy.js'

export type Verdict = 'allow' | 'deny' | 'prompt'

export interface Decision {
  readonly verdict: Verdict
  /** The deciding rule; absent when no rule speaks and `unknown` decided. */
  readonly rule?: PolicyRule
  /** The ancestor (or the path itself) the deciding rule matched. */
  readonly matched?: string
  /** Every rule that spoke at the deciding specificity, for `explain`. */
  readonly contenders: readonly PolicyRule[]
}

/** Ancestors of an absolute normalised path, the path itself first, "/" last. */
export function ancestors(path: string): string[] {
  const out = [path]
  let p = path
  while (p !== '/') {
    const cut = p.lastIndexOf('/')
    p = cut <= 0 ? '/' : p.slice(0, cut)
    out.push(p)
  }
  return out
}

/** The rules for `access` that speak at exactly `at` (literal rules there and globs matching it). */
export function rulesAt(policy: Policy, at: string, access: Access): PolicyRule[] {
  const literal = policy.byPath[access].get(at) ?? []
  const globs = policy.globs[access].filter((g) => matchGlob(g.path, at))
  return globs.length ? [...literal, ...globs] : [...literal]
}

/** Among rules at one specificity: the highest layer, and within it deny. */
export function winner(rules: readonly PolicyRule[]): PolicyRule | undefined {
  let best: PolicyRule | undefined
  for (const r of rules) {
    if (!best || r.layer > best.layer || (r.layer === best.layer && r.effect === 'deny' && best.effect === 'allow')) best = r
  }
  return best
}

/** Decide one access to one absolute, normalised path (the supervisor runs this for trapped calls: no garbage). */
export function decide(policy: Policy, path: string, access: Access): Decision {
  const literals = policy.byPath[access]
  const anyGlob = policy.globs[access].length > 0
  for (let at = path; ; ) {
    const contenders = anyGlob ? rulesAt(policy, at, access) : literals.get(at)
    const rule = contenders && winner(contenders)
    if (rule && contenders) return {verdict: rule.effect, rule, matched: at, contenders}
    if (at === '/') return {verdict: policy.unknown, contenders: []}
    const cut = at.lastIndexOf('/')
    at = cut <= 0 ? '/' : at.slice(0, cut)
  }
}

/** Enforce mode has no one to ask: prompt is deny. */
export function enforced(verdict: Verdict): 'allow' | 'deny' {
  return verdict === 'allow' ? 'allow' : 'deny'
}
