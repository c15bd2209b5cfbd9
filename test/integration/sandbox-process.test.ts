// The program's life in the sandbox: exit codes, signals, stdio, environment, and nothing left behind.
import assert from 'node:assert/strict'
import {execFile, spawn} from 'node:child_process'
import {chmodSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test, before} from 'node:test'
import {promisify} from 'node:util'
import {buildProbe} from '../fixtures/build.js'
import {findBwrap} from '../../src/sandbox/host-checks.js'
import {LaunchError} from '../../src/sandbox/launch.js'
import {LAUNCHER, makePlans, READ_EXEC, runInSandbox, startSandbox, tempDir} from './helpers/sandbox.js'
import {alive, descendants} from '../support/processes.js'

const ENV = {PATH: '/usr/bin:/bin'}

before(() => buildProbe())

/** Host pids whose command line contains `marker`. */
function pidsWith(marker: string): number[] {
  const out: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) out.push(Number(name))
    } catch {
      // exited meanwhile
    }
  }
  return out
}

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return check()
}

describe('exit status', {concurrency: true}, () => {
  test('the program\'s exit code passes through', async () => {
    assert.equal((await runInSandbox({plans: makePlans(), argv: [buildProbe(), 'exit', '3'], env: ENV})).code, 3)
    assert.equal((await runInSandbox({plans: makePlans(), argv: [buildProbe(), 'exit', '0'], env: ENV})).code, 0)
  })

  test('a program killed by SIGTERM gives 143, by SIGKILL 137', async () => {
    assert.equal((await runInSandbox({plans: makePlans(), argv: [buildProbe(), 'signal-self', '15'], env: ENV})).code, 143)
    assert.equal((await runInSandbox({plans: makePlans(), argv: [buildProbe(), 'signal-self', '9'], env: ENV})).code, 137)
  })

  test('program not found: 127 and one line on stderr; found on PATH: runs', async () => {
    const missing = await runInSandbox({plans: makePlans(), argv: ['landjail-no-such-program'], env: ENV})
    assert.equal(missing.code, 127)
    assert.equal(missing.stderr, 'landjail: landjail-no-such-program: command not found\n')
    const found = await runInSandbox({plans: makePlans(), argv: ['true'], env: ENV})
    assert.equal(found.code, 0)
    assert.equal(found.stderr, '')
  })

  test('program not executable: 126 and one line on stderr; with the x bit: runs', async () => {
    const dir = tempDir()
    try {
      writeFileSync(join(dir.path, 'script'), '#!/bin/sh\nexit 0\n', {mode: 0o644})
      const plans = makePlans({rules: [{path: dir.path, rights: READ_EXEC}]})
      const denied = await runInSandbox({plans, argv: [join(dir.path, 'script')], env: ENV})
      assert.equal(denied.code, 126)
      assert.match(denied.stderr, /^landjail: .*script: cannot execute: EACCES \(permission denied\)\n$/)
      chmodSync(join(dir.path, 'script'), 0o755)
      assert.equal((await runInSandbox({plans, argv: [join(dir.path, 'script')], env: ENV})).code, 0)
    } finally {
      dir.cleanup()
    }
  })

  test('a bad plan fails setup with 125 and one line, no stack trace', async () => {
    const plans = makePlans({seccomp: {deny: [{syscall: 'no_such_call', errno: 'EPERM'}], denyIoctls: []}})
    const result = await runInSandbox({plans, argv: ['true'], env: ENV})
    assert.equal(result.code, 125)
    assert.equal(result.stderr, 'landjail: setup failed: unknown syscall "no_such_call" (not in the x86_64 table landjail knows)\n')
  })
})

describe('signals', {concurrency: true}, () => {
  for (const [signal, number] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]] as const) {
    test(`${signal} sent to landjail reaches the program`, async () => {
      const {child, done} = startSandbox({plans: makePlans(), argv: [buildProbe(), 'wait-signal'], env: ENV})
      await new Promise((r) => child.stdout?.once('data', r))
      child.kill(signal)
      assert.equal((await done).code, 100 + number)
    })
  }

  test('a terminal Ctrl-C reaches the program once, not twice', async () => {
    // script(1) runs landjail in the foreground of a pty; ^C on the pty signals the whole foreground group.
    const request = JSON.stringify({plans: makePlans(), argv: [buildProbe(), 'count-sigint'], env: ENV})
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
    const script = spawn('script', ['-qefc', `exec ${quote(process.execPath)} ${quote(LAUNCHER)} ${quote(request)}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {...process.env, SHELL: '/bin/sh'},
    })
    const exit = new Promise<number | null>((r) => script.once('close', (code) => r(code)))
    await new Promise<void>((r) => script.stdout.on('data', (d: Buffer) => d.includes('ready') && r()))
    script.stdin.write('\x03')
    assert.equal(await exit, 1)
    script.stdin.end()
  })
})

describe('nothing outlives the sandbox', {concurrency: true}, () => {
  test('a background process of the program dies with it', async () => {
    const marker = `987.${process.pid}`
    const result = await runInSandbox({plans: makePlans(), argv: ['sh', '-c', `sleep ${marker} & exit 4`], env: ENV})
    assert.equal(result.code, 4)
    assert.ok(await until(() => pidsWith(marker).length === 0), 'the sleep is gone')
  })

  test('killing landjail with SIGKILL takes bwrap, the stage and the program with it', async () => {
    const {child, done} = startSandbox({plans: makePlans(), argv: [buildProbe(), 'wait-signal'], env: ENV})
    await new Promise((r) => child.stdout?.once('data', r))
    const tree = descendants(child.pid ?? 0)
    assert.ok(tree.length >= 3, `bwrap, its init and the program run (${tree.join(',')})`)
    child.kill('SIGKILL')
    await done
    assert.ok(await until(() => tree.every((pid) => !alive(pid))), 'every process of the sandbox is gone')
  })
})

test('environment: plan.env.unset removes variables, others pass through', async () => {
  const env = {...ENV, SECRET: 'hunter2', KEEP: 'kept'}
  const argv = ['sh', '-c', 'echo "${SECRET-none} ${KEEP-none}"']
  assert.equal((await runInSandbox({plans: makePlans({unset: ['SECRET']}), argv, env})).stdout, 'none kept\n')
  assert.equal((await runInSandbox({plans: makePlans(), argv, env})).stdout, 'hunter2 kept\n')
})

test('a missing bwrap is a LaunchError with the install hint; the installed one is found', () => {
  assert.throws(() => findBwrap({LANDJAIL_BWRAP: '/nonexistent/bwrap'}), (err: unknown) =>
    err instanceof LaunchError && err.hint === 'install it: apt-get install bubblewrap')
  assert.match(findBwrap({PATH: '/usr/bin:/bin'}), /\/bwrap$/)
})

test('the program runs with no capabilities at all; bwrap alone would have left them', async () => {
  const argv = ['sh', '-c', 'grep -E "^Cap(Eff|Prm|Bnd|Amb)" /proc/self/status']
  const inside = await runInSandbox({plans: makePlans({rules: [{path: '/proc', rights: READ_EXEC}]}), argv, env: ENV})
  assert.equal(inside.stdout, 'CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nCapAmb:\t0000000000000000\n')
  const {stdout} = await promisify(execFile)('bwrap', ['--unshare-user', '--ro-bind', '/', '/', '--proc', '/proc', '--cap-add', 'ALL', ...argv])
  assert.match(stdout, /CapEff:\t0*[1-9a-f]/)
})

test('an fd landjail inherited beyond stdio does not reach the program (it would bypass Landlock)', async () => {
  const check = ['sh', '-c', 'test -e /proc/self/fd/30 && echo open || echo closed']
  /** Run argv with fd 30 open on a file, as a careless parent might leave it. */
  const withFd30 = async (argv: string[]): Promise<string> =>
    (await promisify(execFile)('bash', ['-c', 'exec 30</etc/hostname; exec "$@"', 'bash', ...argv])).stdout
  assert.equal(await withFd30(check), 'open\n') // the same check outside sees the fd
  const plans = makePlans({rules: [{path: '/proc', rights: READ_EXEC}]})
  assert.equal(await withFd30([process.execPath, LAUNCHER, JSON.stringify({plans, argv: check, env: ENV})]), 'closed\n')
})
