// The BPF builder and seccomp bindings, each filter installed in a child node process (irreversible).
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {dirname, join} from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {buildFilter, retErrno, SECCOMP_RET_ALLOW} from '../../src/kernel/bpf.js'
import {probeSystem} from '../../src/sandbox/probe.js'

const KERNEL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'kernel')

/** bwrap in a user namespace with every capability, so the child has caps to drop even when we are not root. */
const WITH_CAPS = ['bwrap', '--unshare-user', '--ro-bind', '/', '/', '--dev', '/dev', '--cap-add', 'ALL', '--']

/** Run `body` as an ES module in a fresh node with the kernel modules imported; resolves to its stdout. */
async function inChild(body: string, prefix: readonly string[] = []): Promise<string> {
  const imports = ['bpf', 'seccomp', 'prctl', 'libc', 'syscalls', 'capabilities']
    .map((m) => `import * as ${m} from ${JSON.stringify(join(KERNEL, `${m}.js`))}`).join('\n')
  const argv = [...prefix, process.execPath, '--input-type=module', '-e', `${imports}\n${body}`]
  const {stdout} = await promisify(execFile)(argv[0] ?? '', argv.slice(1))
  return stdout.trim()
}

const FILTER = `
const filter = bpf.encodeFilter(bpf.buildFilter({
  arch: bpf.AUDIT_ARCH_X86_64, otherArch: bpf.SECCOMP_RET_KILL_PROCESS, x32: bpf.SECCOMP_RET_KILL_PROCESS,
  rules: [
    {nr: syscalls.SYSCALLS_X86_64.ioctl, action: bpf.retErrno(107), when: {arg: 1, values: [0x5412, 0x541c]}},
    {nr: syscalls.SYSCALLS_X86_64.kexec_load, action: bpf.retErrno(107)},
  ],
  defaultAction: bpf.SECCOMP_RET_ALLOW,
}))
prctl.setNoNewPrivs()
seccomp.seccompSetModeFilter(filter)
const call = (...args) => { const r = Number(libc.libc().syscall(...args)); return r < 0 ? libc.lastErrno() : r }
`

test('a listed syscall gets the filter\'s errno; an unlisted one goes through', async () => {
  const out = await inChild(`${FILTER}
console.log(call(syscalls.SYSCALLS_X86_64.kexec_load, 'long', 0, 'long', 0, 'long', 0, 'long', 0), call(39) > 0)`)
  assert.equal(out, '107 true') // ENOTCONN from the filter; getpid works
})

test('an ioctl is refused only for the listed request numbers (low 32 bits of arg 1)', async () => {
  const out = await inChild(`${FILTER}
const ioctl = (req) => call(16, 'int', -1, 'unsigned long', req, 'long', 0)
console.log(ioctl(0x5412), ioctl(0x100005412n), ioctl(0x5413))`)
  // TIOCSTI is refused even with high bits set; TIOCGWINSZ reaches the kernel (EBADF for fd -1)
  assert.equal(out, '107 107 9')
})

test('dropping capabilities leaves no effective and no bounding capability', async () => {
  const out = await inChild(`capabilities.dropAllCapabilities()
console.log(capabilities.effectiveCapabilities(), capabilities.inBoundingSet(0), capabilities.inBoundingSet(capabilities.capLastCap()))`, WITH_CAPS)
  assert.equal(out, '0n false false')
  const before = await inChild('console.log(capabilities.effectiveCapabilities() !== 0n, capabilities.inBoundingSet(0))', WITH_CAPS)
  assert.equal(before, 'true true') // the same checks see the caps when nothing was dropped
})

test('the builder refuses a jump it cannot encode and ends with the default action', () => {
  const prog = buildFilter({arch: 1, otherArch: 0, x32: 0, rules: [{nr: 1, action: retErrno(1)}], defaultAction: SECCOMP_RET_ALLOW})
  assert.equal(prog.at(-1)?.k, SECCOMP_RET_ALLOW)
  const values = Array.from({length: 300}, (_, i) => i)
  assert.throws(() => buildFilter({arch: 1, otherArch: 0, x32: 0, rules: [{nr: 16, action: 0, when: {arg: 1, values}}], defaultAction: 0}), /too far/)
})

test('probeSystem reports Landlock, user namespaces, bwrap and seccomp notification; a missing bwrap is reported with its hint', async () => {
  const facts = await probeSystem()
  assert.ok(facts.landlock.ok && facts.landlock.abi >= 6)
  assert.ok(facts.userNamespaces.ok)
  assert.ok(facts.bwrap.ok && /^bubblewrap \d/.test(facts.bwrap.version))
  assert.ok(facts.seccompNotify.ok && facts.seccompNotify.sizes.seccompData === 64 && facts.seccompNotify.syncWakeUp)
  process.env.LANDJAIL_BWRAP = '/nonexistent/bwrap'
  try {
    const missing = await probeSystem()
    assert.ok(!missing.bwrap.ok && missing.bwrap.hint === 'install it: apt-get install bubblewrap')
    assert.ok(!missing.userNamespaces.ok)
  } finally {
    delete process.env.LANDJAIL_BWRAP
  }
})
