// A small model of what the kernel allows under a Landlock plan plus a mount plan.
// Lowering uses it to place mount operations; the property tests hold it against `decide`.
import type {Access} from '../profile/types.js'
import {ancestors} from './decide.js'
import type {LandlockPlan, MountOp} from './plan-types.js'
import {grants} from './rights.js'

/** Landlock: an access is granted when a rule on the path or one of its ancestors grants it. */
export function landlockAllows(plan: LandlockPlan, path: string, access: Access): boolean {
  const chain = new Set(ancestors(path))
  return plan.pathRules.some((r) => chain.has(r.path) && grants(r.rights, access))
}

/** The deepest mount operation over `path`, if any (later ops over the same path win, as mounts stack). */
export function mountOver(ops: readonly MountOp[], path: string): MountOp | undefined {
  let best: MountOp | undefined
  let bestLength = -1
  for (const op of ops) {
    if (op.path === path || path.startsWith(op.path === '/' ? '/' : op.path + '/')) {
      if (op.path.length >= bestLength) {
        best = op
        bestLength = op.path.length
      }
    }
  }
  return best
}

/** What the kernel answers for one access under both plans. */
export function kernelAllows(landlock: LandlockPlan, ops: readonly MountOp[], path: string, access: Access): boolean {
  const op = mountOver(ops, path)
  if (op?.kind === 'hide') return false
  if (access === 'write' && (op?.kind === 'readonly' || (op?.kind === 'bind' && op.readonly))) return false
  return landlockAllows(landlock, path, access)
}
