// For every shipped profile and a set of test profiles, each path and operation of a matrix gets
// from the real kernel exactly the answer `landjail explain` gives (enforce mode).
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {before, describe, test} from 'node:test'
import {canonicalPath, nodeProfileHost, SHIPPED_PROFILES} from '../../src/profile/host.js'
import {loadProfile} from '../../src/profile/load-profile.js'
import {buildPolicy} from '../../src/policy/policy.js'
import {decideOperation, type Operation} from '../../src/policy/operations.js'
import {LANDJAIL} from '../support/cli.js'
import {buildProbe, copyExecutable, scratchDir} from '../support/sandbox-fixture.js'

const HOME_DIRS = ['', 'work', 'work/sub', 'work/.secret', '.ssh', '.aws', '.mozilla', '.config', '.config/chromium', 'Downloads', 'notes', 'notes/archive']

const TEST_PROFILES: Record<string, (home: string) => string> = {
  't-blacklist-in-write': (h) => `include: [base]\nfilesystem:\n  write: ["${h}"]\n  blacklist: ["${h}/.ssh", "${h}/work/.secret"]\n`,
  't-readonly-in-write': (h) => `include: [base]\nfilesystem:\n  write: ["${h}", "${h}/notes/archive"]\n  readonly: ["${h}/notes"]\n`,
  't-allow-in-hidden': (h) => `include: [base]\nfilesystem:\n  read: ["${h}"]\n  blacklist: ["${h}/.config"]\n  write: ["${h}/.config/chromium"]\n`,
  't-exec-and-globs': (h) => `include: [base]\nfilesystem:\n  exec: ["${h}/work"]\n  read: ["${h}/n*"]\n  blacklist: ["${h}/work/s?b"]\n`,
  't-unknown-allow': (h) => `unknown: allow\nfilesystem:\n  blacklist: ["${h}/.ssh"]\n  readonly: ["${h}/notes", /etc]\n`,
  't-noblacklist': (h) => `include: [base, secrets]\nfilesystem:\n  write: ["${h}"]\n  noblacklist: ["${h}/.aws"]\n`,
}

type Case = {op: Operation; path: string; target?: string}

function matrix(home: string): Case[] {
  const cases: Case[] = []
  for (const rel of HOME_DIRS) {
    const d = rel ? join(home, rel) : home
    cases.push(
      {op: 'read', path: `${d}/f`}, {op: 'write', path: `${d}/f`}, {op: 'create', path: `${d}/new`},
      {op: 'delete', path: `${d}/del`}, {op: 'rename', path: `${d}/ren`, target: `${d}/ren2`},
      {op: 'exec', path: `${d}/prog`}, {op: 'list', path: d},
    )
  }
  cases.push({op: 'read', path: '/etc/hostname'}, {op: 'write', path: '/etc/hostname'}, {op: 'list', path: '/usr'}, {op: 'exec', path: '/usr/bin/true'})
  return cases
}

let scratch: string
let probe: string

before(() => {
  scratch = scratchDir('exact')
  const bin = join(scratch, 'probe-bin')
  mkdirSync(bin)
  probe = buildProbe(bin)
  mkdirSync(join(scratch, 'profiles'))
  mkdirSync(join(scratch, 'config', 'local'), {recursive: true})
})

const shipped = readdirSync(SHIPPED_PROFILES).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort()
const totals = {allowed: new Map<Operation, number>(), denied: new Map<Operation, number>()}

describe('the kernel answers exactly as explain (enforce mode)', () => {
  for (const name of [...shipped, ...Object.keys(TEST_PROFILES)]) {
    test(name, () => {
      const home = join(scratch, name)
      for (const rel of HOME_DIRS) {
        const d = rel ? join(home, rel) : home
        mkdirSync(d, {recursive: true})
        for (const f of ['f', 'del', 'ren']) writeFileSync(join(d, f), 'content\n')
        copyExecutable(probe, join(d, 'prog'))
      }
      const work = join(home, 'work')
      const profile = TEST_PROFILES[name]
      if (profile) writeFileSync(join(scratch, 'profiles', `${name}.yaml`), profile(home))
      writeFileSync(join(scratch, 'config', 'local', `${name}.yaml`), `filesystem:\n  exec: ["${join(scratch, 'probe-bin')}"]\n`)
      const env = {...process.env, HOME: home, LANDJAIL_PROFILE_PATH: join(scratch, 'profiles'), LANDJAIL_CONFIG_DIR: join(scratch, 'config'), XDG_CONFIG_HOME: join(home, '.config')}

      const policy = buildPolicy(loadProfile(name, nodeProfileHost(env, work)).layers, {resolvePath: canonicalPath})
      const cases = matrix(home)
      const args = cases.flatMap((c) => [c.op === 'list' ? 'list' : c.op, c.target ? `${c.path}:${c.target}` : c.path])
      const r = spawnSync(process.execPath, [LANDJAIL, 'run', name, '--quiet', '--', probe, ...args], {cwd: work, env, encoding: 'utf8'})
      assert.equal(r.status, 0, `landjail run failed: ${r.stderr}`)
      const lines = r.stdout.trim().split('\n')
      assert.equal(lines.length, cases.length, r.stdout + r.stderr)
      const wrong: string[] = []
      cases.forEach((c, i) => {
        const errno = Number(lines[i]?.split(' ').pop())
        const want = decideOperation(policy, c.op, canonicalPath(c.path), c.target && canonicalPath(c.target)).allowed
        const tally = want ? totals.allowed : totals.denied
        tally.set(c.op, (tally.get(c.op) ?? 0) + 1)
        if (want !== (errno === 0)) wrong.push(`${c.op} ${c.path}: explain says ${want ? 'allow' : 'deny'}, kernel gave errno ${errno}`)
      })
      assert.deepEqual(wrong, [])
    })
  }

  test('every operation was seen both allowed and denied', () => {
    for (const op of ['read', 'write', 'create', 'delete', 'rename', 'exec', 'list'] as Operation[]) {
      assert.ok((totals.allowed.get(op) ?? 0) > 0, `${op} never allowed`)
      assert.ok((totals.denied.get(op) ?? 0) > 0, `${op} never denied`)
    }
  })
})
