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
  /** Names in a directory, symlinks left out (their targets are decided at their own paths). */
  list(dir: string): readonly string[]
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
  return sortByDepth([...points])
}

/** Sort paths parents first, then by name, computing each depth once. */
export function sortByDepth(paths: readonly string[]): string[] {
  return paths
    .map((p) => ({p, depth: depthOf(p)}))
    .sort((a, b) => a.depth - b.depth || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
    .map((x) => x.p)
}

function depthOf(p: string): number {
  let n = 0
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 47) n++
  return p === '/' ? 0 : n
}

/** Sort paths parents first, then by name, for stable plans. */
export function byDepth(a: string, b: string): number {
  return depthOf(a) - depthOf(b) || (a < b ? -1 : a > b ? 1 : 0)
}
