// The Landlock bindings against the running kernel; nothing here restricts the test process.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KernelError} from '../../src/kernel/errno.js'
import {closeFd} from '../../src/kernel/fd.js'
import {
  LANDLOCK_ACCESS_FS, LANDLOCK_SCOPE, landlockAbiVersion, landlockAddPathBeneath, landlockCreateRuleset, openPathForRule,
} from '../../src/kernel/landlock.js'

test('the ABI probe reports a version with scopes (6 or newer)', () => {
  assert.ok(landlockAbiVersion() >= 6)
})

test('a ruleset with known rights is created; an unknown right is EINVAL, named with its syscall and hint', () => {
  const fd = landlockCreateRuleset({handledAccessFs: LANDLOCK_ACCESS_FS.READ_FILE, handledAccessNet: 0n, scoped: LANDLOCK_SCOPE.SIGNAL})
  assert.ok(fd >= 0)
  closeFd(fd)
  assert.throws(() => landlockCreateRuleset({handledAccessFs: 1n << 62n, handledAccessNet: 0n, scoped: 0n}), (err: unknown) =>
    err instanceof KernelError && err.syscall === 'landlock_create_ruleset' && err.code === 'EINVAL' &&
    err.message === 'landlock_create_ruleset: EINVAL (a handled right or scope is unknown to this kernel)')
})

test('a path rule on a directory takes directory rights; on a file they are EINVAL and the path is named', () => {
  const ruleset = landlockCreateRuleset({handledAccessFs: LANDLOCK_ACCESS_FS.READ_FILE | LANDLOCK_ACCESS_FS.READ_DIR, handledAccessNet: 0n, scoped: 0n})
  const dir = openPathForRule('/etc')
  const file = openPathForRule('/etc/passwd')
  assert.ok(dir !== undefined && file !== undefined)
  landlockAddPathBeneath(ruleset, dir, LANDLOCK_ACCESS_FS.READ_DIR, '/etc')
  assert.throws(() => landlockAddPathBeneath(ruleset, file, LANDLOCK_ACCESS_FS.READ_DIR, '/etc/passwd'), (err: unknown) =>
    err instanceof KernelError && err.code === 'EINVAL' && err.path === '/etc/passwd')
  for (const fd of [ruleset, dir, file]) closeFd(fd)
})

test('opening a rule path that does not exist gives undefined, an existing one an fd', () => {
  assert.equal(openPathForRule('/nonexistent/landjail'), undefined)
  const fd = openPathForRule('/')
  assert.ok(fd !== undefined && fd >= 0)
  closeFd(fd)
})
