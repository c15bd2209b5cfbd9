// Firejail profiles in real sandboxes, in the style of Firejail's own filesystem tests: each case
// writes a .profile, runs a probe under it and checks what the kernel really allowed.
import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import {canonicalPath, nodeProfileHost} from '../../src/profile/host.js'
import {loadProfile} from '../../src/profile/load-profile.js'
import '../../src/profile/firejail/register.js'
import {buildPolicy} from '../../src/policy/policy.js'
import {decideOperation, type Operation} from '../../src/policy/operations.js'
import {LANDJAIL} from '../support/cli.js'
import {buildProbe, scratchDir} from '../support/sandbox-fixture.js'

let scratch: string
let probe: string

before(() => {
  scratch = scratchDir('firejail')
  mkdirSync(join(scratch, 'bin'))
  probe = buildProbe(join(scratch, 'bin'))
})

/** [operation, path relative to HOME, allowed?] */
type Check = [Operation, string, boolean]

interface Case {
  readonly name: string
  readonly profile: string
  /** Other files in ~/.config/firejail. */
  readonly others?: Record<string, string>
  readonly checks: readonly Check[]
}

const CASES: Case[] = [
  {
    name: 'blacklist a directory, a file, a glob and a symlink',
    profile: 'blacklist ${HOME}/secretdir\nblacklist ${HOME}/secret.txt\nblacklist ${HOME}/*.key\nblacklist ${HOME}/badlink\n',
    checks: [
      ['read', 'secretdir/f', false], ['list', 'secretdir', false], ['write', 'secretdir/f', false], ['exec', 'secretdir/prog', false],
      ['read', 'secret.txt', false], ['read', 'id.key', false], ['read', 'id.keys', true],
      ['read', 'link-into-secret', false], ['read', 'plain.txt', true], ['list', 'docs', true], ['exec', 'docs/prog', true],
    ],
  },
  {
    name: 'noblacklist before a blacklist cancels it; after, it does not',
    profile: 'noblacklist ${HOME}/secretdir\nblacklist ${HOME}/secretdir\nblacklist ${HOME}/secret.txt\nnoblacklist ${HOME}/secret.txt\n',
    checks: [['read', 'secretdir/f', true], ['read', 'secret.txt', false]],
  },
  {
    name: 'whitelist a directory and a file in home: the rest of home is hidden',
    profile: 'whitelist ${HOME}/docs\nwhitelist ${HOME}/plain.txt\n',
    checks: [
      ['read', 'docs/f', true], ['write', 'docs/f', true], ['create', 'docs/new', true], ['read', 'plain.txt', true],
      ['read', 'secret.txt', false], ['read', 'secretdir/f', false], ['list', 'secretdir', false], ['write', 'other.txt', false],
    ],
  },
  {
    name: 'read-only inside a whitelist',
    profile: 'whitelist ${HOME}/docs\nread-only ${HOME}/docs/ro\n',
    checks: [['read', 'docs/ro/f', true], ['write', 'docs/ro/f', false], ['create', 'docs/ro/new', false], ['write', 'docs/f', true]],
  },
  {
    name: 'ignore before a line suppresses it; after, it does not',
    profile: 'ignore blacklist ${HOME}/secretdir\nblacklist ${HOME}/secretdir\nblacklist ${HOME}/secret.txt\nignore blacklist ${HOME}/secret.txt\n',
    checks: [['read', 'secretdir/f', true], ['read', 'secret.txt', false]],
  },
  {
    name: 'a conditional line: true condition kept, false condition dropped',
    profile: '?BROWSER_DISABLE_U2F: blacklist ${HOME}/secretdir\n?HAS_X11: blacklist ${HOME}/secret.txt\n',
    checks: [['read', 'secretdir/f', false], ['read', 'secret.txt', true]],
  },
  {
    name: 'noexec: executing below the path fails, reading it works, executing elsewhere works',
    profile: 'noexec ${HOME}/docs\n',
    checks: [['exec', 'docs/prog', false], ['read', 'docs/prog', true], ['write', 'docs/f', true], ['exec', 'secretdir/prog', true]],
  },
  {
    name: 'an include chain with a .local',
    profile: 'include app.local\ninclude globals.local\ninclude common.inc\n',
    others: {
      'app.local': 'noblacklist ${HOME}/secret.txt\n',
      'common.inc': 'blacklist ${HOME}/secret.txt\nblacklist ${HOME}/secretdir\ninclude more.inc\n',
      'more.inc': 'read-only ${HOME}/docs\n',
    },
    checks: [['read', 'secret.txt', true], ['read', 'secretdir/f', false], ['write', 'docs/f', false], ['read', 'docs/f', true]],
  },
]

/** A fresh home with the files the checks touch. */
function makeHome(home: string): void {
  for (const d of ['secretdir', 'docs', 'docs/ro', '.config/firejail']) mkdirSync(join(home, d), {recursive: true})
  for (const f of ['secretdir/f', 'secret.txt', 'id.key', 'id.keys', 'plain.txt', 'other.txt', 'docs/f', 'docs/ro/f']) writeFileSync(join(home, f), 'content\n')
  for (const p of ['secretdir/prog', 'docs/prog']) spawnSync('cp', [probe, join(home, p)])
  symlinkSync(join(home, 'secretdir', 'f'), join(home, 'link-into-secret'))
  symlinkSync(join(home, 'secretdir'), join(home, 'badlink'))
}

describe('Firejail profiles in real sandboxes', () => {
  CASES.forEach((c, i) => {
    test(c.name, () => {
      const home = join(scratch, `home${i}`)
      makeHome(home)
      for (const [file, text] of Object.entries(c.others ?? {})) writeFileSync(join(home, '.config', 'firejail', file), text)
      const profile = join(home, '.config', 'firejail', 'app.profile')
      writeFileSync(profile, c.profile)
      const env = {...process.env, HOME: home, LANDJAIL_CONFIG_DIR: join(home, '.config', 'landjail')}
      const args = c.checks.flatMap(([op, rel]) => [op, join(home, rel)])
      const r = spawnSync(process.execPath, [LANDJAIL, 'run', profile, '--quiet', '--', probe, ...args], {cwd: scratch, env, encoding: 'utf8'})
      assert.equal(r.status, 0, r.stderr)
      const lines = r.stdout.trim().split('\n')
      const policy = buildPolicy(loadProfile(profile, nodeProfileHost(env, scratch)).layers, {resolvePath: canonicalPath})
      const got = c.checks.map(([op, rel], k) => `${op} ${rel}: ${Number(lines[k]?.split(' ').pop()) === 0 ? 'allowed' : 'denied'}`)
      assert.deepEqual(got, c.checks.map(([op, rel, ok]) => `${op} ${rel}: ${ok ? 'allowed' : 'denied'}`))
      // The kernel's answer is also what explain says.
      for (const [op, rel, ok] of c.checks) {
        assert.equal(decideOperation(policy, op, canonicalPath(join(home, rel))).allowed, ok, `explain disagrees on ${op} ${rel}`)
      }
    })
  })
})

describe("Firejail's own curl profile", () => {
  let server: Server
  let port: number
  before(async () => {
    server = createServer((_req, res) => res.end('hello from loopback\n'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  after(() => server.close())

  const run = (home: string, argv: string[]) => new Promise<{status: number | null; stdout: string; stderr: string}>((resolve) => {
    const child = spawn(process.execPath, [LANDJAIL, 'run', '/etc/firejail/curl.profile', '--quiet', '--', ...argv], {cwd: scratch, env: {...process.env, HOME: home}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })

  test('curl reaches a loopback server; cat ~/.ssh/id_rsa fails', async () => {
    const home = join(scratch, 'curl-home')
    mkdirSync(join(home, '.ssh'), {recursive: true})
    writeFileSync(join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY\n')
    const ok = await run(home, ['curl', '-s', `http://127.0.0.1:${port}/`])
    assert.equal(ok.status, 0, ok.stderr)
    assert.equal(ok.stdout, 'hello from loopback\n')
    const secret = await run(home, ['cat', join(home, '.ssh', 'id_rsa')])
    assert.notEqual(secret.status, 0)
    assert.doesNotMatch(secret.stdout, /PRIVATE KEY/)
    assert.match(secret.stderr, /Permission denied/)
  })
})
