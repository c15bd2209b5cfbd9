// File operations in terms of the three accesses: what `explain` and the exactness tests compare.
import {posix} from 'node:path'
import type {Access} from '../profile/types.js'
import {decide, enforced, type Decision} from './decide.js'
import type {Policy} from './policy.js'

export const OPERATIONS = ['read', 'list', 'write', 'exec', 'create', 'delete', 'rename'] as const
export type Operation = (typeof OPERATIONS)[number]

/** The accesses an operation needs: creating, deleting or renaming x writes x and the directory holding it. */
export function accessesFor(op: Operation, path: string, target?: string): [string, Access][] {
  switch (op) {
    case 'read':
    case 'list':
      return [[path, 'read']]
    case 'write':
      return [[path, 'write']]
    case 'exec':
      return [[path, 'exec']]
    case 'create':
    case 'delete':
      return [[posix.dirname(path), 'write'], [path, 'write']]
    case 'rename': {
      const to = target ?? path
      return [[posix.dirname(path), 'write'], [path, 'write'], [posix.dirname(to), 'write'], [to, 'write']]
    }
  }
}

/** Enforce-mode answer for an operation: allowed only when every access it needs is allowed. */
export function decideOperation(policy: Policy, op: Operation, path: string, target?: string): {allowed: boolean; decisions: [string, Access, Decision][]} {
  const decisions = accessesFor(op, path, target).map(([p, a]) => [p, a, decide(policy, p, a)] as [string, Access, Decision])
  return {allowed: decisions.every(([, , d]) => enforced(d.verdict) === 'allow'), decisions}
}
