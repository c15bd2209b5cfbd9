// Globs to concrete paths at launch: the kernel needs paths that exist, not patterns.
import type {Access} from '../profile/types.js'
import {buildPolicyIndex} from './index-rules.js'
import type {Policy, PolicyRule} from './policy.js'

/** What lowering may ask of the file system. */
export interface FsView {
  /** The type of `path` after following symlinks. */
  kind(path: string): 'dir' | 'file' | 'missing'
  /** Existing paths matching a glob pattern. */
  glob(pattern: string): readonly string[]
}

/** The policy with every glob rule replaced by one literal rule per existing match. */
export function concretise(policy: Policy, fs: FsView): Policy {
  const rules: PolicyRule[] = []
  for (const r of policy.rules) {
    if (!r.glob) rules.push(r)
    else for (const match of fs.glob(r.path)) rules.push({...r, path: match, glob: false})
  }
  return {...policy, rules, ...buildPolicyIndex(rules)}
}

/** Every path some rule speaks at, parents before children. */
export function rulePoints(policy: Policy): string[] {
  const points = new Set<string>()
  for (const access of ['read', 'write', 'exec'] as Access[]) for (const p of policy.byPath[access].keys()) points.add(p)
  return [...points].sort(byDepth)
}

/** Sort paths parents first, then by name, for stable plans. */
export function byDepth(a: string, b: string): number {
  const da = a === '/' ? 0 : a.split('/').length
  const db = b === '/' ? 0 : b.split('/').length
  return da - db || (a < b ? -1 : a > b ? 1 : 0)
}
