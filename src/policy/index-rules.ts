// The lookup tables behind `decide`: literal rules by access and path, glob rules by access.
import type {Access} from '../profile/types.js'
import type {PolicyRule} from './policy.js'

export function buildPolicyIndex(rules: readonly PolicyRule[]): {
  byPath: Record<Access, Map<string, PolicyRule[]>>
  globs: Record<Access, PolicyRule[]>
} {
  const byPath = {read: new Map(), write: new Map(), exec: new Map()} as Record<Access, Map<string, PolicyRule[]>>
  const globs = {read: [], write: [], exec: []} as Record<Access, PolicyRule[]>
  for (const r of rules) {
    if (r.glob) globs[r.access].push(r)
    else {
      const list = byPath[r.access].get(r.path)
      if (list) list.push(r)
      else byPath[r.access].set(r.path, [r])
    }
  }
  return {byPath, globs}
}
