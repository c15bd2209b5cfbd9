// An exec denied inside an exec-allowed tree: no mount can forbid only execution, so the Landlock
// grant is split instead. The ancestor keeps its other rights; EXECUTE moves down to each of its
// children except the one on the way to the denied path, level by level.
import {ancestors, decide, enforced, rulesAt, winner} from './decide.js'
import {rulePoints, type FsView} from './concretise.js'
import type {FsRight} from './plan-types.js'
import type {Policy} from './policy.js'
import {FILE_RIGHTS} from './rights.js'

export interface Grant {
  rights: FsRight[]
  readonly type: 'dir' | 'file'
}

/**
 * Exec-denied paths whose read stays allowed (a hidden path needs nothing: the mount denies all),
 * under an ancestor that grants EXECUTE. Their ancestors' EXECUTE is pushed down to siblings.
 * Entries created later directly in a split directory get no EXECUTE: stricter, never looser.
 */
export function splitExecGrants(policy: Policy, fs: FsView, grants: Map<string, Grant>): void {
  const grantsExec = (p: string) => grants.get(p)?.rights.includes('EXECUTE') === true
  const denied = rulePoints(policy).filter((p) =>
    winner(rulesAt(policy, p, 'exec'))?.effect === 'deny'
    && enforced(decide(policy, p, 'read').verdict) === 'allow'
    && fs.kind(p) !== 'missing'
    && ancestors(p).slice(1).some(grantsExec))
  if (denied.length === 0) return
  // Every strict ancestor of a denied path: EXECUTE may not cover its whole subtree.
  const onTheWay = new Set<string>()
  for (const d of denied) for (const a of ancestors(d).slice(1)) onTheWay.add(a)
  const blocked = new Set(denied)

  const push = (dir: string) => {
    for (const name of fs.list(dir)) {
      const child = dir === '/' ? `/${name}` : `${dir}/${name}`
      if (blocked.has(child) || winner(rulesAt(policy, child, 'exec'))?.effect === 'deny') continue
      if (onTheWay.has(child)) {
        push(child)
        continue
      }
      const existing = grants.get(child)
      if (existing) {
        if (!existing.rights.includes('EXECUTE')) existing.rights.push('EXECUTE')
      } else {
        const type = fs.kind(child)
        if (type !== 'missing') grants.set(child, {rights: ['EXECUTE'], type})
      }
    }
  }
  // Parents first, so a grant pushed down from above is split again further down.
  for (const a of [...onTheWay].sort((x, y) => x.length - y.length)) {
    if (!grantsExec(a)) continue
    const g = grants.get(a) as Grant
    g.rights = g.rights.filter((r) => r !== 'EXECUTE')
    push(a)
  }
  for (const [path, g] of grants) {
    if (g.type === 'file') g.rights = g.rights.filter((r) => FILE_RIGHTS.has(r))
    if (g.rights.length === 0) grants.delete(path)
  }
}
