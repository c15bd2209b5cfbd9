// The foundation's command line, run as a separate process: validate, explain, compile, errors.
import assert from 'node:assert/strict'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, test} from 'node:test'
import {landjail} from '../support/cli.js'

let dir: string
let env: Record<string, string>

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'landjail-cli-'))
  env = {LANDJAIL_PROFILE_PATH: dir, LANDJAIL_CONFIG_DIR: join(dir, 'config'), HOME: join(dir, 'home')}
  writeFileSync(join(dir, 'lower.yaml'), 'filesystem:\n  write: [/srv/data]\n  blacklist: [/srv/data/secret]\n')
  writeFileSync(join(dir, 'app.yaml'), [
    'include: [lower]',
    'filesystem:',
    '  read: [/srv/data/secret/public]',
    '  noblacklist: [/srv/hidden]',
    '  readonly: [/srv/data]',
    'unknown: deny',
    '',
  ].join('\n'))
  writeFileSync(join(dir, 'base2.yaml'), 'filesystem:\n  blacklist: [/srv/hidden]\n')
  writeFileSync(join(dir, 'nb.yaml'), 'include: [base2]\nfilesystem:\n  read: [/srv]\n  noblacklist: [/srv/hidden]\n')
  writeFileSync(join(dir, 'bad.yaml'), 'filesystem:\n  read: [usr]\n  wirte: [/tmp]\nunknown: 3\n')
  writeFileSync(join(dir, 'cycle-a.yaml'), 'include: [cycle-b]\n')
  writeFileSync(join(dir, 'cycle-b.yaml'), 'include: [cycle-a]\n')
  writeFileSync(join(dir, 'locked.yaml'), 'unknown: deny\n')
  chmodSync(join(dir, 'locked.yaml'), 0o000)
  mkdirSync(join(dir, 'adir.yaml'))
  writeFileSync(join(dir, 'runner.yaml'), 'filesystem:\n  exec: [/usr, /bin, /lib, /lib64]\n  read: [/etc]\n')
})

function noStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?/, `a stack trace was printed:\n${text}`)
}

describe('validate', () => {
  test('three mistakes: all three with file:line:col and code, non-zero exit', () => {
    const r = landjail(['validate', join(dir, 'bad.yaml')], env)
    assert.equal(r.status, 1)
    const heads = r.stderr.split('\n').filter((l) => l.includes(': error '))
    assert.deepEqual(heads.map((l) => l.replace(dir, '<dir>').replace(/: error (\w+):.*/, ' $1')), [
      '<dir>/bad.yaml:2:10 RELATIVE_PATH',
      '<dir>/bad.yaml:3:3 UNKNOWN_KEY',
      '<dir>/bad.yaml:4:10 WRONG_TYPE',
    ])
    assert.match(r.stderr, /\n {4}wirte: \[\/tmp\]\n {4}\^{5}\n/)
  })

  test('a good file: exit 0 and one OK line', () => {
    const r = landjail(['validate', join(dir, 'app.yaml')], env)
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, `${join(dir, 'app.yaml')}: OK\n`)
  })
})

describe('explain', () => {
  const explain = (profile: string, path: string, access: string) => {
    const r = landjail(['explain', profile, path, '--access', access], env)
    assert.equal(r.status, 0, r.stderr)
    return r.stdout.replaceAll(dir, '<dir>')
  }

  test('a path under a blacklist inside a write tree: denied by the blacklist', () => {
    const out = explain('app', '/srv/data/secret/key', 'read')
    assert.match(out, /^read \/srv\/data\/secret\/key: DENY\n {2}decided by <dir>\/lower\.yaml:3:15: blacklist \/srv\/data\/secret {2}\[layer 1 \(include lower\)\]/)
  })

  test('a path allowed inside a blacklisted tree: allowed by the more specific rule', () => {
    const out = explain('app', '/srv/data/secret/public/readme', 'read')
    assert.match(out, /: ALLOW\n {2}decided by <dir>\/app\.yaml:3:10: read \/srv\/data\/secret\/public {2}\[layer 2 \(profile app\)\]/)
  })

  test('a tie between two layers: the later layer wins', () => {
    const out = explain('app', '/srv/data/file', 'write')
    assert.match(out, /: DENY\n {2}decided by <dir>\/app\.yaml:5:14: readonly \/srv\/data {2}\[layer 2 \(profile app\)\]\n/)
    assert.match(out, /over <dir>\/lower\.yaml:2:11: write \/srv\/data {2}\[layer 1 \(include lower\)\]/)
  })

  test('a noblacklist in a higher layer cancels the blacklist', () => {
    const out = explain('nb', '/srv/hidden/x', 'read')
    assert.match(out, /: ALLOW\n {2}decided by <dir>\/nb\.yaml:3:10: read \/srv {2}\[layer 2 \(profile nb\)\]/)
    const without = explain('base2', '/srv/hidden/x', 'read')
    assert.match(without, /: DENY\n {2}decided by <dir>\/base2\.yaml:2:15: blacklist \/srv\/hidden/)
  })

  test('an uncovered path: unknown decides', () => {
    const out = explain('app', '/opt/elsewhere', 'read')
    assert.match(out, /: DENY\n {2}no rule covers this path: unknown: deny \(<dir>\/app\.yaml:6:10\)/)
  })
})

describe('compile', () => {
  test('--json prints layers, policy and plans, byte-identical every time', () => {
    const a = landjail(['compile', 'app', '--json'], env)
    const b = landjail(['compile', 'app', '--json'], env)
    assert.equal(a.status, 0, a.stderr)
    assert.equal(a.stdout, b.stdout)
    const json = JSON.parse(a.stdout)
    assert.deepEqual(json.layers.map((l: {kind: string}) => l.kind), ['include', 'profile'])
    assert.ok(Array.isArray(json.plans.landlock.pathRules))
    assert.ok(Array.isArray(json.plans.mounts.ops))
  })
})

describe('errors a person can cause: one message, non-zero exit, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown profile name', ['explain', 'no-such-profile', '/tmp'], /^landjail: no profile named "no-such-profile"/],
    ['include cycle', ['compile', 'cycle-a'], /INCLUDE_CYCLE: include cycle: cycle-a -> cycle-b -> cycle-a/],
    ['unknown access', ['explain', 'app', '/tmp', '--access', 'fly'], /Expected --access=fly to be one of: read, write, exec/],
  ]
  for (const [name, args, pattern] of cases) {
    test(name, () => {
      const r = landjail(args, env)
      assert.notEqual(r.status, 0)
      assert.match(r.stderr, pattern)
      noStackTrace(r.stderr)
    })
  }

  test('unreadable file', () => {
    // Mode 000 stops everyone but root; a directory in place of the file stops root too.
    const r = landjail(['validate', join(dir, process.getuid?.() === 0 ? 'adir.yaml' : 'locked.yaml')], env)
    assert.equal(r.status, 1)
    assert.match(r.stderr, /UNREADABLE: cannot read .*\.yaml: (EACCES|EISDIR)/)
    noStackTrace(r.stderr)
  })

  test('a file that does not exist', () => {
    const r = landjail(['validate', join(dir, 'missing.yaml')], env)
    assert.equal(r.status, 1)
    assert.match(r.stderr, /UNKNOWN_PROFILE: no profile file/)
    noStackTrace(r.stderr)
  })
})

describe('run: bin/run.js runs a well-formed command line itself and leaves the rest to oclif', () => {
  test('well-formed: the program runs, its output and status pass through', () => {
    const r = landjail(['run', 'runner', '-q', '--mode=enforce', '--', '/bin/sh', '-c', 'echo hi; exit 3'], env)
    assert.equal(r.status, 3, r.stderr)
    assert.equal(r.stdout, 'hi\n')
  })

  const refused: [string, string[], RegExp][] = [
    ['an unknown mode (oclif)', ['run', 'runner', '--mode', 'fly', '--', '/bin/echo', 'hi'], /Expected --mode=fly to be one of: enforce, supervise/],
    ['a negative timeout (oclif)', ['run', 'runner', '--prompt-timeout', '-1', '--', '/bin/echo', 'hi'], /prompt-timeout/],
    ['an unknown flag (oclif)', ['run', 'runner', '--fast', '--', '/bin/echo', 'hi'], /Nonexistent flag: --fast/],
    ['a word before -- (fast path)', ['run', 'runner', '/bin/echo', 'hi'], /unexpected argument "\/bin\/echo"\n {2}hint: put the command after --/],
    ['an unknown profile (fast path)', ['run', 'no-such-profile', '--', '/bin/echo', 'hi'], /^landjail: no profile named "no-such-profile"/],
  ]
  for (const [name, args, pattern] of refused) {
    test(`refused: ${name}, the program never runs`, () => {
      const r = landjail(args, env)
      assert.notEqual(r.status, 0)
      assert.equal(r.stdout, '')
      assert.match(r.stderr, pattern)
      noStackTrace(r.stderr)
    })
  }

  test('--help is oclif\'s, with every flag', () => {
    const r = landjail(['run', '--help'], env)
    assert.equal(r.status, 0, r.stderr)
    for (const flag of ['--mode', '--prompt', '--prompt-timeout', '--strict', '--quiet']) assert.match(r.stdout, new RegExp(flag))
  })
})

describe('run: the Landlock ABI remembered for the boot', () => {
  const boot = (): string => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  const runEnv = (): Record<string, string> => ({...env, XDG_RUNTIME_DIR: join(dir, 'abi-run')})
  const file = (): string => join(dir, 'abi-run', 'landjail', 'landlock-abi')

  test('a launch remembers the kernel\'s ABI with the boot id, and the next launch runs with it', () => {
    const first = landjail(['run', 'runner', '-q', '--', '/bin/echo', 'one'], runEnv())
    assert.equal(first.status, 0, first.stderr)
    const [id, abi] = readFileSync(file(), 'utf8').trim().split(' ')
    assert.equal(id, boot())
    assert.ok(Number(abi) >= 1, `remembered ${abi}`)
    const second = landjail(['run', 'runner', '-q', '--', '/bin/echo', 'two'], runEnv())
    assert.equal(second.status, 0, second.stderr)
    assert.equal(second.stdout, 'two\n')
  })

  test('a stale or planted ABI fails the launch with one line, before the program runs, and is forgotten', () => {
    mkdirSync(join(dir, 'abi-run', 'landjail'), {recursive: true})
    writeFileSync(file(), `${boot()} 1\n`)
    const r = landjail(['run', 'runner', '-q', '--', '/bin/echo', 'ran'], runEnv())
    assert.equal(r.status, 125)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^landjail: the plan is for Landlock ABI 1 but the kernel has ABI \d; run again\n$/)
    assert.equal(existsSync(file()), false)
    const again = landjail(['run', 'runner', '-q', '--', '/bin/echo', 'ran'], runEnv())
    assert.equal(again.status, 0, again.stderr)
    assert.equal(again.stdout, 'ran\n')
  })

  test('a figure from another boot is not used', () => {
    mkdirSync(join(dir, 'abi-run', 'landjail'), {recursive: true})
    writeFileSync(file(), '00000000-0000-0000-0000-000000000000 1\n')
    const r = landjail(['run', 'runner', '-q', '--', '/bin/echo', 'ran'], runEnv())
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, 'ran\n')
    assert.equal(readFileSync(file(), 'utf8').split(' ')[0], boot())
  })
})
