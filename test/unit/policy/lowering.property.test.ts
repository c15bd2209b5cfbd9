// For random profiles and paths, the Landlock plan plus the mount plan (run in the kernel model)
// answer exactly as `decide`, except below paths the lowering itself reports as not exact.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import fc from 'fast-check'
import {lowerPolicy} from '../../../src/policy/compile.js'
import {decide, enforced} from '../../../src/policy/decide.js'
import {buildPolicy} from '../../../src/policy/policy.js'
import {kernelAllows} from '../../../src/policy/simulate.js'
import {matchGlob} from '../../../src/profile/glob.js'
import type {Layer, Rule, RuleKind} from '../../../src/profile/types.js'
import {ACCESSES} from '../../../src/profile/types.js'

const DIRS = ['/a', '/a/b', '/a/b/c', '/a/d', '/e', '/e/f', '/e/f/g']
const FILES = ['/a/x', '/a/b/y', '/a/b/c/z', '/a/d/w', '/e/v', '/e/f/u', '/e/f/g/t', '/a/b/c/z2']
const ALL = ['/', ...DIRS, ...FILES]
const PATTERNS = ['/a/*', '/e/**/u', '/a/b/c/z*']
const fs = {
  kind: (p: string) => (p === '/' || DIRS.includes(p) ? 'dir' as const : FILES.includes(p) ? 'file' as const : 'missing' as const),
  glob: (pattern: string) => ALL.filter((p) => matchGlob(pattern, p)),
  list: (dir: string) => ALL.filter((p) => p !== '/' && p.slice(0, p.lastIndexOf('/') || 1) === dir).map((p) => p.slice(p.lastIndexOf('/') + 1)),
}

const KIND_RULES: Record<string, [RuleKind, 'read' | 'write' | 'exec', 'allow' | 'deny'][]> = {
  read: [['read', 'read', 'allow']],
  write: [['write', 'read', 'allow'], ['write', 'write', 'allow']],
  exec: [['exec', 'read', 'allow'], ['exec', 'exec', 'allow']],
  blacklist: [['blacklist', 'read', 'deny'], ['blacklist', 'write', 'deny'], ['blacklist', 'exec', 'deny']],
  readonly: [['readonly', 'write', 'deny']],
}

const entry = fc.record({
  key: fc.constantFrom('read', 'write', 'exec', 'blacklist', 'readonly', 'noblacklist'),
  path: fc.constantFrom(...ALL.filter((p) => p !== '/'), ...PATTERNS),
})
const layerArb = fc.array(entry, {maxLength: 6})
const profileArb = fc.record({
  layers: fc.array(layerArb, {minLength: 1, maxLength: 3}),
  unknown: fc.constantFrom('prompt', 'deny', 'allow') as fc.Arbitrary<'prompt' | 'deny' | 'allow'>,
})

function toLayers(spec: {layers: {key: string; path: string}[][]; unknown: 'prompt' | 'deny' | 'allow'}): Layer[] {
  return spec.layers.map((entries, i) => {
    const rules: Rule[] = []
    const noblacklist: Layer['noblacklist'][number][] = []
    for (const e of entries) {
      const glob = e.path.includes('*')
      if (e.key === 'noblacklist') noblacklist.push({path: e.path, glob})
      else for (const [kind, access, effect] of KIND_RULES[e.key] ?? []) rules.push({path: e.path, glob, access, effect, kind, written: e.path})
    }
    return {kind: i === 0 ? 'profile' : 'local', name: `l${i}`, file: `/l${i}.yaml`, rules, noblacklist, settings: i === 0 ? {unknown: spec.unknown} : {}}
  })
}

test('Landlock plan + mount plan = decide, for random profiles (property)', () => {
  let exact = 0
  let withOps = 0
  fc.assert(
    fc.property(profileArb, (spec) => {
      const policy = buildPolicy(toLayers(spec))
      const plans = lowerPolicy(policy, new Map(), {abi: 7, fs})
      const warned = plans.warnings.filter((w) => w.code === 'NOT_EXACT').map((w) => w.path as string)
      if (warned.length === 0) exact++
      if (plans.mounts.ops.length > 0) withOps++
      for (const path of ALL) {
        for (const access of ACCESSES) {
          // Directories are never executed; splitting an exec grant moves EXECUTE off them.
          if (access === 'exec' && fs.kind(path) === 'dir') continue
          const want = enforced(decide(policy, path, access).verdict) === 'allow'
          const have = kernelAllows(plans.landlock, plans.mounts.ops, path, access)
          if (want === have) continue
          const excused = warned.some((w) => path === w || path.startsWith(w + '/'))
          assert.ok(excused, `${access} ${path}: policy ${want ? 'allows' : 'denies'}, kernel ${have ? 'allows' : 'denies'}\n${JSON.stringify({spec, plans}, null, 1)}`)
        }
      }
    }),
    {numRuns: 600, seed: 42},
  )
  // The property must have bitten: most profiles are exact and many need mount operations.
  assert.ok(exact > 300, `only ${exact} of 600 random profiles lowered exactly`)
  assert.ok(withOps > 100, `only ${withOps} of 600 random profiles needed mount operations`)
})
