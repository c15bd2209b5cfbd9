// The supervisor's decision for one trapped call: continue (the kernel floor gives the same answer), carry out
// (allowed beyond the floor), deny, or ask. Pure: takes the live policy and the floor policy, so a live edit can swap one.
import {posix} from 'node:path'
import {decide, enforced, type Decision} from '../policy/decide.js'
import {accessesFor} from '../policy/operations.js'
import type {Policy} from '../policy/policy.js'
import type {Access} from '../profile/types.js'
import {O_ACCMODE, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, __O_TMPFILE} from '../kernel/fs-at.js'
import type {CallKind} from './decode-call.js'

/** What the call names, after resolution: the canonical paths, and whether the first one exists. */
export interface CallTargets {
  readonly kind: CallKind
  readonly flags: number
  readonly path: string
  /** rename, link: the destination. */
  readonly to?: string
  /** The path names nothing yet (open with O_CREAT creates it). */
  readonly missing: boolean
}

export type Outcome =
  /** Let the kernel run the call: Landlock then answers exactly as the live policy would. */
  | {readonly kind: 'continue'}
  /** Allowed, but beyond what the floor grants: the supervisor performs the call on the object it checked. */
  | {readonly kind: 'carry-out'; readonly by: string}
  | {readonly kind: 'deny'; readonly path: string; readonly access: Access; readonly by: string}
  | {readonly kind: 'ask'; readonly path: string; readonly access: Access}

/**
 * What a call needs. `live`: the pairs the live policy decides, writes first so a prompt asks for the strongest access;
 * creating, removing or renaming P needs write on P (the supervisor can carry out exactly that one name).
 * `floor`: the pairs Landlock checks when the call is continued (creating also needs write on the directory).
 */
export interface CallAccesses {
  readonly live: readonly [string, Access][]
  readonly floor: readonly [string, Access][]
}

export function accessesOfCall(t: CallTargets): CallAccesses {
  const same = (pairs: [string, Access][]): CallAccesses => ({live: pairs, floor: pairs})
  switch (t.kind) {
    case 'open': {
      if ((t.flags & __O_TMPFILE) === __O_TMPFILE) return same([[t.path, 'write']])
      if (t.missing && (t.flags & O_CREAT)) return {live: [[t.path, 'write']], floor: accessesFor('create', t.path)}
      const mode = t.flags & O_ACCMODE
      const out: [string, Access][] = []
      if (mode !== O_RDONLY || (t.flags & (O_TRUNC | O_CREAT))) out.push([t.path, 'write'])
      if (mode === O_RDONLY || mode === O_RDWR) out.push([t.path, 'read'])
      return same(out)
    }
    case 'mkdir':
    case 'mknod':
    case 'symlink':
      return {live: [[t.path, 'write']], floor: accessesFor('create', t.path)}
    case 'unlink':
      return {live: [[t.path, 'write']], floor: accessesFor('delete', t.path)}
    case 'rename':
      return {live: [[t.path, 'write'], [t.to ?? t.path, 'write']], floor: accessesFor('rename', t.path, t.to)}
    case 'link':
      return {live: [[t.to ?? t.path, 'write'], [t.path, 'read']], floor: [...accessesFor('create', t.to ?? t.path), [t.path, 'read']]}
    case 'truncate':
      return same([[t.path, 'write']])
    case 'exec':
      return same([[t.path, 'exec']])
  }
}

/** What decided: the layer and rule, or the profile's `unknown`. */
export function describeDecision(policy: Policy, d: Decision): string {
  if (!d.rule) return `unknown: ${policy.unknown}`
  const layer = policy.layers[d.rule.layer]
  return `${layer ? `${layer.kind} ${layer.name}` : 'layer'}: ${d.rule.effect} ${d.rule.access} ${d.rule.path}`
}

export interface DecideInput {
  readonly live: Policy
  readonly floor: Policy
  /** False once a live change took away something the floor grants: nothing is continued any more. */
  readonly floorTrusted: boolean
}

/** Decide a call from its (path, access) pairs. */
export function decideCall(input: DecideInput, accesses: CallAccesses): Outcome {
  const live = accesses.live.map(([path, access]) => ({path, access, d: decide(input.live, path, access)}))
  const denied = live.find((x) => x.d.verdict === 'deny')
  if (denied) return {kind: 'deny', path: denied.path, access: denied.access, by: describeDecision(input.live, denied.d)}
  const asked = live.find((x) => x.d.verdict === 'prompt')
  if (asked) return {kind: 'ask', path: asked.path, access: asked.access}
  // Invariant (design 5): continue only when the floor alone allows every pair and the floor is still a subset of the
  // live policy; then any path the call is re-pointed to is checked by Landlock against a floor that grants no more.
  const floorAllows = accesses.floor.every(([path, access]) => enforced(decide(input.floor, path, access).verdict) === 'allow')
  if (floorAllows && input.floorTrusted) return {kind: 'continue'}
  // An exec cannot be carried out. After an edit took something away, an exec both policies allow still runs; only a
  // path swapped in during the call, that the edit took exec away from, could slip through (until a restart).
  if (floorAllows && accesses.floor.every(([, access]) => access === 'exec')) return {kind: 'continue'}
  const first = live[0]
  return {kind: 'carry-out', by: first ? describeDecision(input.live, first.d) : 'no access'}
}

/** The parent directory a "dir" scope answer applies to. */
export function scopeDir(path: string): string {
  return posix.dirname(path)
}
