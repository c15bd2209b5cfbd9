// Real programs through their shipped profiles behave as they do outside.
import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import {LANDJAIL} from '../support/cli.js'
import {scratchDir} from '../support/sandbox-fixture.js'

let work: string
let env: NodeJS.ProcessEnv
let server: Server
let port: number

before(async () => {
  const home = scratchDir('apps')
  work = join(home, 'work')
  mkdirSync(work)
  env = {...process.env, HOME: home, LANDJAIL_CONFIG_DIR: join(home, 'config'), LANDJAIL_PROFILE_PATH: ''}
  server = createServer((_req, res) => res.end('hello from loopback\n'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

after(() => server.close())

/** Run inside and outside; both must give the same status and output. */
function both(profile: string, argv: string[]): {inside: ReturnType<typeof spawnSync>; outside: ReturnType<typeof spawnSync>} {
  const inside = spawnSync(process.execPath, [LANDJAIL, 'run', profile, '--quiet', '--', ...argv], {cwd: work, env, encoding: 'utf8'})
  const outside = spawnSync(argv[0] as string, argv.slice(1), {cwd: work, env, encoding: 'utf8'})
  return {inside, outside}
}

/** Async run, so the loopback server in this process can answer. */
function runAsync(args: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LANDJAIL, ...args], {cwd: work, env})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

describe('shipped profiles run real programs', () => {
  test('git status in the current repository', () => {
    spawnSync('git', ['init', '-q'], {cwd: work, env})
    writeFileSync(join(work, 'file.txt'), 'x\n')
    const {inside, outside} = both('git', ['git', 'status', '--short'])
    assert.equal(inside.status, 0, String(inside.stderr))
    assert.equal(inside.stdout, outside.stdout)
    assert.equal(inside.stdout, '?? file.txt\n')
  })

  test('python3 -c', () => {
    const {inside, outside} = both('python3', ['python3', '-c', 'import sys, os; print(sum(range(10)), os.getcwd() == sys.argv[1])', work])
    assert.equal(inside.status, 0, String(inside.stderr))
    assert.equal(inside.stdout, outside.stdout)
    assert.equal(inside.stdout, '45 True\n')
  })

  test('node -e', () => {
    const {inside, outside} = both('node', ['node', '-e', 'console.log(JSON.stringify({sum: 1 + 1, cwd: process.cwd()}))'])
    assert.equal(inside.status, 0, String(inside.stderr))
    assert.equal(inside.stdout, outside.stdout)
  })

  test('the same programs cannot read a blacklisted secret', () => {
    const secret = join(String(env.HOME), '.ssh')
    mkdirSync(secret, {recursive: true})
    writeFileSync(join(secret, 'id_rsa'), 'PRIVATE KEY\n')
    const {inside, outside} = both('python3', ['python3', '-c', `print(open(${JSON.stringify(join(secret, 'id_rsa'))}).read())`])
    assert.equal(outside.status, 0)
    assert.notEqual(inside.status, 0)
    assert.match(String(inside.stderr), /PermissionError/)
    assert.doesNotMatch(String(inside.stdout), /PRIVATE KEY/)
  })

  test('curl to a loopback server', async () => {
    const r = await runAsync(['run', 'curl', '--quiet', '--', 'curl', '-s', `http://127.0.0.1:${port}/`])
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, 'hello from loopback\n')
    const denied = await runAsync(['run', 'curl', '--quiet', '--', 'curl', '-s', '-o', '/etc/landjail-curl', `http://127.0.0.1:${port}/`])
    assert.equal(denied.status, 23) // curl: write error
  })
})
