// The enforce floor against a real kernel: seccomp deny-list, Landlock scopes, ptrace; each denial has an allowed twin.
import assert from 'node:assert/strict'
import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {createServer, type AddressInfo, type Server} from 'node:net'
import {constants} from 'node:os'
import {describe, test, before, after} from 'node:test'
import {promisify} from 'node:util'
import {buildProbe} from '../fixtures/build.js'
import {DENY_LIST, LAUNCHER, makePlans, probe} from './helpers/sandbox.js'

const {EACCES, EPERM, ENOSYS, ENOTCONN, ECONNREFUSED} = constants.errno
const SIGSYS_EXIT = 128 + constants.signals.SIGSYS

before(() => buildProbe())

describe('seccomp deny-list', {concurrency: true}, () => {
  test('io_uring_setup is refused', async () => {
    assert.equal(await probe(makePlans(), 'io_uring'), EPERM)
  })

  test('the errno comes from the filter: a plan without io_uring in the list lets io_uring_setup through', async () => {
    const seccomp = {...DENY_LIST, deny: DENY_LIST.deny.filter((d) => !d.syscall.startsWith('io_uring'))}
    assert.equal(await probe(makePlans({seccomp}), 'io_uring'), 0)
  })

  test('mount is refused with the planned errno', async () => {
    assert.equal(await probe(makePlans(), 'mount', '/tmp'), EPERM)
    const seccomp = {...DENY_LIST, deny: DENY_LIST.deny.map((d) => (d.syscall === 'mount' ? {...d, errno: 'ENOTCONN'} : d))}
    assert.equal(await probe(makePlans({seccomp}), 'mount', '/tmp'), ENOTCONN)
  })

  test('the i386 entry (int $0x80) cannot get around the filter: the process is killed', async () => {
    assert.equal(await probe(makePlans(), 'int80', '21'), SIGSYS_EXIT) // mount in the i386 table
    assert.equal(await probe(makePlans(), 'int80', '425'), SIGSYS_EXIT) // io_uring_setup
    assert.equal(await probe(makePlans(), 'int80', '20'), SIGSYS_EXIT) // even getpid: the arch is wrong
  })

  test('the i386 entry works outside the sandbox (the probe really makes the call)', async () => {
    const {stdout} = await promisify(execFile)('sh', ['-c', `${buildProbe()} int80 20; echo $?`])
    assert.equal(stdout.trim(), '0')
  })

  test('x32 syscall numbers are killed, the same number without the x32 bit is not', async () => {
    assert.equal(await probe(makePlans(), 'x32', String(165)), SIGSYS_EXIT)
    assert.equal(await probe(makePlans(), 'x32', String(39)), SIGSYS_EXIT) // getpid | x32 bit
    assert.equal(await probe(makePlans(), 'exit', '0'), 0)
  })
})

describe('TIOCSTI on a terminal', {concurrency: true}, () => {
  // script(1) gives the sandbox a pty on fd 0; its exit status is the sandbox's.
  async function underPty(plans: ReturnType<typeof makePlans>, op: string): Promise<number> {
    const request = JSON.stringify({plans, argv: [buildProbe(), op], env: {PATH: '/usr/bin:/bin'}})
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
    const command = `exec ${quote(process.execPath)} ${quote(LAUNCHER)} ${quote(request)}`
    const run = promisify(execFile)('script', ['-qefc', command, '/dev/null'], {env: {...process.env, SHELL: '/bin/sh'}})
    try {
      await run
      return 0
    } catch (err) {
      return (err as {code: number}).code
    }
  }

  test('TIOCSTI is refused, TIOCGWINSZ on the same terminal works', async () => {
    assert.equal(await underPty(makePlans(), 'tiocsti'), EPERM)
    assert.equal(await underPty(makePlans(), 'winsize'), 0)
  })

  test('without TIOCSTI in the plan the filter does not answer EPERM', async () => {
    const status = await underPty(makePlans({seccomp: {...DENY_LIST, denyIoctls: []}}), 'tiocsti')
    assert.notEqual(status, EPERM) // 0, or EIO where dev.tty.legacy_tiocsti = 0
  })
})

describe('processes outside the sandbox', {concurrency: true}, () => {
  // pid 1 in the sandbox is bwrap's init: outside the Landlock domain.
  test('kill of a process outside fails (scope SIGNAL), of a child inside works', async () => {
    assert.equal(await probe(makePlans(), 'kill', '1'), EPERM)
    assert.equal(await probe(makePlans(), 'kill-child'), 0)
  })

  test('kill outside works when the plan does not scope signals', async () => {
    assert.equal(await probe(makePlans({scoped: ['ABSTRACT_UNIX_SOCKET']}), 'kill', '1'), 0)
  })

  test('ptrace of a process outside fails, of a child inside works', async () => {
    assert.equal(await probe(makePlans(), 'ptrace', '1'), EPERM)
    assert.equal(await probe(makePlans(), 'ptrace-child'), 0)
  })
})

describe('abstract unix sockets', {concurrency: true}, () => {
  const name = `landjail-test-${process.pid}-${Date.now()}`
  let server: ChildProcess
  before(async () => {
    server = spawn(buildProbe(), ['serve-abstract', name], {stdio: ['ignore', 'pipe', 'inherit']})
    await new Promise<void>((resolve) => server.stdout?.once('data', () => resolve()))
  })
  after(() => server.kill('SIGKILL'))

  test('connecting to a socket listening outside fails (scope ABSTRACT_UNIX_SOCKET)', async () => {
    assert.equal(await probe(makePlans(), 'abstract', name), EPERM)
  })

  test('connecting to a socket created inside works', async () => {
    assert.equal(await probe(makePlans(), 'abstract-self', `${name}-inside`), 0)
  })

  test('without the scope the outside socket is reachable', async () => {
    assert.equal(await probe(makePlans({scoped: ['SIGNAL']}), 'abstract', name), 0)
  })

  test('a name nobody listens on is refused by the kernel, not the scope', async () => {
    assert.equal(await probe(makePlans({scoped: ['SIGNAL']}), 'abstract', `${name}-nobody`), ECONNREFUSED)
  })
})

test('clone3 is answered ENOSYS so libc falls back to clone', async () => {
  const seccomp = DENY_LIST.deny.find((d) => d.syscall === 'clone3')
  assert.equal(seccomp?.errno, 'ENOSYS')
  assert.equal(ENOSYS, 38)
  assert.equal(await probe(makePlans(), 'kill-child'), 0) // fork works under the filter
})

describe('TCP ports', {concurrency: true}, () => {
  const servers: Server[] = []
  const ports: number[] = []
  before(async () => {
    for (let i = 0; i < 2; i++) {
      const server = createServer((socket) => socket.end())
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      servers.push(server)
      ports.push((server.address() as AddressInfo).port)
    }
  })
  after(() => servers.forEach((s) => s.close()))

  const withNet = (allowed: number): ReturnType<typeof makePlans> => {
    const base = makePlans()
    return {...base, landlock: {...base.landlock, handledNet: ['CONNECT_TCP'], netRules: [{port: allowed, rights: ['CONNECT_TCP']}]}}
  }

  test('connect to the allowed port works, to another port is refused', async () => {
    const [open, closed] = ports as [number, number]
    assert.equal(await probe(withNet(open), 'tcp', String(open)), 0)
    assert.equal(await probe(withNet(open), 'tcp', String(closed)), EACCES)
  })

  test('without handled network rights both ports are reachable', async () => {
    assert.equal(await probe(makePlans(), 'tcp', String(ports[1])), 0)
  })
})
