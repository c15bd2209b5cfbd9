import assert from 'node:assert/strict'
import {test} from 'node:test'
import fc from 'fast-check'
import {decide, enforced} from '../../../src/policy/decide.js'
import {buildPolicy, type Policy} from '../../../src/policy/policy.js'
import {takesAway} from '../../../src/policy/takes-away.js'
import {loadProfile} from '../../../src/profile/load-profile.js'
import type {Access} from '../../../src/profile/types.js'
import {memoryHost} from '../../support/memory-host.js'

const policyOf = (yaml: string): Policy => buildPolicy(loadProfile('/profiles/p.yaml', memoryHost({'/profiles/p.yaml': yaml})).layers)

const BASE = 'filesystem:\n  read: [/usr, /home/ann]\n  write: [/home/ann/work]\n'

// [what the edit does, profile after the edit, takes away?]
const CASES: [string, string, boolean][] = [
  ['nothing', BASE, false],
  ['adds a read grant', `${BASE}  exec: [/opt]\n`, false],
  ['adds a prompt default', `unknown: prompt\n${BASE}`, false],
  ['blacklists a file the floor reads', `${BASE}  blacklist: [/home/ann/.bashrc]\n`, true],
  ['blacklists a path nothing grants', `${BASE}  blacklist: [/srv/x]\n`, false],
  ['removes the write grant', 'filesystem:\n  read: [/usr, /home/ann]\n', true],
  ['narrows a read grant to a child', 'filesystem:\n  read: [/usr/lib, /home/ann]\n  write: [/home/ann/work]\n', true],
  ['makes a written dir read-only', `${BASE}  readonly: [/home/ann/work/keep]\n`, true],
  ['widens write to the home dir', 'filesystem:\n  read: [/usr, /home/ann]\n  write: [/home/ann]\n', false],
  ['adds a new glob blacklist', `${BASE}  blacklist: ["/home/ann/*.key"]\n`, true],
  ['adds a new glob grant', BASE.replace('read: [/usr, /home/ann]', 'read: [/usr, /home/ann, "/srv/*/pub"]'), false],
  ['remembers a never under a grant', `${BASE}remember:\n  - deny read /home/ann/todo.txt\n`, true],
  ['remembers an always', `${BASE}remember:\n  - allow read /srv/todo.txt\n`, false],
]

for (const [what, after, expected] of CASES) {
  test(`takesAway: an edit that ${what} → ${expected}`, () => {
    assert.equal(takesAway(policyOf(BASE), policyOf(after)), expected)
  })
}

test('takesAway: a glob grant the edit drops is checked at the paths it matches now', () => {
  const before = policyOf('filesystem:\n  read: [/usr, "/home/ann/*.txt"]\n')
  const after = policyOf('filesystem:\n  read: [/usr]\n')
  assert.equal(takesAway(before, after, () => ['/home/ann/todo.txt']), true)
  assert.equal(takesAway(before, after, () => []), false)
})

// Property: whenever takesAway says no, no path under the rule points is allowed before and not after.
const PATHS = ['/a', '/a/b', '/a/b/c', '/a/d', '/e', '/e/f']
const ACCESSES: Access[] = ['read', 'write', 'exec']
const profileArb = fc.array(fc.tuple(fc.constantFrom('read', 'write', 'exec', 'blacklist', 'readonly'), fc.constantFrom(...PATHS)), {maxLength: 6}).map((entries) => {
  const by = new Map<string, string[]>()
  for (const [key, path] of entries) by.set(key, [...(by.get(key) ?? []), path])
  return `filesystem:\n${[...by].map(([k, v]) => `  ${k}: [${v.join(', ')}]`).join('\n')}\n`
})

test('takesAway never misses a path the older policy allows and the newer does not', () => {
  fc.assert(fc.property(profileArb, profileArb, (a, b) => {
    const before = policyOf(a)
    const after = policyOf(b)
    const lost = [...PATHS, '/a/b/c/x', '/zz'].some((p) => ACCESSES.some((acc) => enforced(decide(before, p, acc).verdict) === 'allow' && enforced(decide(after, p, acc).verdict) !== 'allow'))
    if (lost) assert.equal(takesAway(before, after), true)
  }), {numRuns: 400})
})
