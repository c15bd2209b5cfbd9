// A small model of what the kernel allows under a Landlock plan plus a mount plan.
// Lowering uses it to place mount operations; the property tests hold it against `decide`.
import type {Access} from '../profile/types.js'
import {ancestors} from './decide.js'
import type {FsRight, LandlockPlan, MountOp} from './plan-types.js'
import {grants} from './rights.js'

/** The kernel's view: Landlock rules by path, and the mount operations stacked so far. */
export class KernelModel {
  private readonly rights = new Map<string, readonly FsRight[]>()
  private readonly ops: MountOp[] = []
  /** The topmost op at each path (mounts stack: a later op over the same path wins). */
  private readonly top = new Map<string, MountOp[]>()

  constructor(landlock: LandlockPlan, ops: readonly MountOp[] = []) {
    for (const r of landlock.pathRules) this.rights.set(r.path, [...(this.rights.get(r.path) ?? []), ...r.rights])
    for (const op of ops) this.push(op)
  }

  push(op: MountOp): void {
    this.ops.push(op)
    const stack = this.top.get(op.path)
    if (stack) stack.push(op)
    else this.top.set(op.path, [op])
  }

  pop(): MountOp | undefined {
    const op = this.ops.pop()
    if (op) this.top.get(op.path)?.pop()
    return op
  }

  list(): readonly MountOp[] {
    return this.ops
  }

  /** Landlock: an access is granted when a rule on the path or one of its ancestors grants it. */
  landlockAllows(path: string, access: Access): boolean {
    return ancestors(path).some((a) => {
      const rights = this.rights.get(a)
      return rights !== undefined && grants(rights, access)
    })
  }

  /** The deepest mount operation over `path`, if any. */
  mountOver(path: string): MountOp | undefined {
    for (const a of ancestors(path)) {
      const stack = this.top.get(a)
      if (stack && stack.length > 0) return stack[stack.length - 1]
    }
    return undefined
  }

  /** What the kernel answers for one access under both plans. */
  allows(path: string, access: Access): boolean {
    const op = this.mountOver(path)
    if (op?.kind === 'hide') return false
    if (access === 'write' && (op?.kind === 'readonly' || (op?.kind === 'bind' && op.readonly))) return false
    return this.landlockAllows(path, access)
  }
}

/** One-off question: does the kernel allow `access` to `path` under these plans? */
export function kernelAllows(landlock: LandlockPlan, ops: readonly MountOp[], path: string, access: Access): boolean {
  return new KernelModel(landlock, ops).allows(path, access)
}
