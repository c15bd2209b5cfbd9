// Path confinement on a real kernel: Landlock rules and the mount plan's hide/readonly/bind/tmpfs ops, each denial with its twin.
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {constants} from 'node:os'
import {join} from 'node:path'
import {describe, test, before, after, type TestContext} from 'node:test'
import type {LandlockPathRule} from '../../src/policy/plan-types.js'
import {buildProbe} from '../fixtures/build.js'
import {ALL_FS, makePlans, probe, READ, tempDir} from './helpers/sandbox.js'

const {EACCES, ENOENT, EROFS} = constants.errno

before(() => buildProbe())

describe('Landlock path rules', {concurrency: true}, () => {
  let dir: {path: string; cleanup: () => void}
  let plans: ReturnType<typeof makePlans>
  before(() => {
    dir = tempDir()
    for (const d of ['rw', 'ro', 'none', 'noexec']) mkdirSync(join(dir.path, d))
    for (const d of ['rw', 'ro', 'none']) writeFileSync(join(dir.path, d, 'file'), 'data\n')
    copyFileSync('/usr/bin/true', join(dir.path, 'noexec', 'true'))
    plans = makePlans({
      rules: [
        {path: join(dir.path, 'rw'), rights: ALL_FS},
        {path: join(dir.path, 'ro'), rights: READ},
        {path: join(dir.path, 'noexec'), rights: READ},
        {path: join(dir.path, 'does-not-exist'), rights: ALL_FS}, // skipped silently
      ],
    })
  })
  after(() => dir.cleanup())
  const p = (...parts: string[]): string => join(dir.path, ...parts)

  test('read: allowed under a read rule, denied without a rule', async () => {
    assert.equal(await probe(plans, 'read', p('ro', 'file')), 0)
    assert.equal(await probe(plans, 'read', p('none', 'file')), EACCES)
  })

  test('list: allowed under a read rule, denied without a rule', async () => {
    assert.equal(await probe(plans, 'list', p('ro')), 0)
    assert.equal(await probe(plans, 'list', p('none')), EACCES)
  })

  test('write: allowed under a write rule, denied under a read rule', async () => {
    assert.equal(await probe(plans, 'write', p('rw', 'file')), 0)
    assert.equal(await probe(plans, 'write', p('ro', 'file')), EACCES)
  })

  test('create and delete: allowed under a write rule, denied under a read rule', async () => {
    assert.equal(await probe(plans, 'create', p('rw', 'new')), 0)
    assert.ok(existsSync(p('rw', 'new')))
    assert.equal(await probe(plans, 'delete', p('rw', 'new')), 0)
    assert.equal(await probe(plans, 'create', p('ro', 'new')), EACCES)
    assert.equal(await probe(plans, 'delete', p('ro', 'file')), EACCES)
  })

  test('rename: within a write tree allowed, out of it into a read tree denied', async () => {
    writeFileSync(p('rw', 'a'), '')
    assert.equal(await probe(plans, 'rename', p('rw', 'a'), p('rw', 'b')), 0)
    assert.equal(await probe(plans, 'rename', p('rw', 'b'), p('ro', 'b')), EACCES)
  })

  test('exec: allowed with EXECUTE, denied with read only', async () => {
    assert.equal(await probe(plans, 'exec', '/usr/bin/true'), 0)
    assert.equal(await probe(plans, 'exec', p('noexec', 'true')), EACCES)
  })
})

describe('mount plan ops', {concurrency: true}, () => {
  /** A fresh tree per test: w/{secret/{key,pub/file},ro/,tmp/hostfile,sibling,secret.txt,link -> secret/key}. */
  function tree(t: TestContext): {p: (...parts: string[]) => string; writeTree: () => LandlockPathRule} {
    const dir = tempDir()
    t.after(dir.cleanup)
    const p = (...parts: string[]): string => join(dir.path, ...parts)
    mkdirSync(p('w', 'secret', 'pub'), {recursive: true})
    mkdirSync(p('w', 'ro'))
    mkdirSync(p('w', 'tmp'))
    writeFileSync(p('w', 'secret', 'key'), 'key\n')
    writeFileSync(p('w', 'secret', 'pub', 'file'), 'pub\n')
    writeFileSync(p('w', 'sibling'), 'sibling\n')
    writeFileSync(p('w', 'secret.txt'), 'secret\n')
    writeFileSync(p('w', 'tmp', 'hostfile'), 'host\n')
    symlinkSync(p('w', 'secret', 'key'), p('w', 'link'))
    return {p, writeTree: () => ({path: p('w'), rights: ALL_FS})}
  }

  test('a hidden dir: its files and its listing give EACCES while a sibling is readable', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'hide', path: p('w', 'secret'), type: 'dir', traverse: false}]})
    assert.equal(await probe(plans, 'read', p('w', 'secret', 'key')), EACCES)
    assert.equal(await probe(plans, 'list', p('w', 'secret')), EACCES)
    assert.equal(await probe(plans, 'create', p('w', 'secret', 'new')), EACCES)
    assert.equal(await probe(plans, 'read', p('w', 'sibling')), 0)
  })

  test('without the hide op the same files are readable (the write rule covers them)', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()]})
    assert.equal(await probe(plans, 'read', p('w', 'secret', 'key')), 0)
    assert.equal(await probe(plans, 'list', p('w', 'secret')), 0)
    assert.equal(await probe(plans, 'read', p('w', 'link')), 0)
    assert.equal(await probe(plans, 'read', p('w', 'secret.txt')), 0)
  })

  test('a symlink pointing into a hidden dir gives EACCES', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'hide', path: p('w', 'secret'), type: 'dir', traverse: false}]})
    assert.equal(await probe(plans, 'read', p('w', 'link')), EACCES)
  })

  test('a hidden file gives EACCES for read and write, its dir stays listable', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'hide', path: p('w', 'secret.txt'), type: 'file', traverse: false}]})
    assert.equal(await probe(plans, 'read', p('w', 'secret.txt')), EACCES)
    assert.equal(await probe(plans, 'write', p('w', 'secret.txt')), EACCES)
    assert.equal(await probe(plans, 'list', p('w')), 0)
    assert.equal(await probe(plans, 'read', p('w', 'sibling')), 0)
  })

  test('a path bound back into a traversable hidden dir is readable; the rest stays hidden', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({
      rules: [writeTree()],
      ops: [
        {kind: 'hide', path: p('w', 'secret'), type: 'dir', traverse: true},
        {kind: 'bind', path: p('w', 'secret', 'pub'), readonly: true},
      ],
    })
    assert.equal(await probe(plans, 'read', p('w', 'secret', 'pub', 'file')), 0)
    assert.equal(await probe(plans, 'list', p('w', 'secret')), EACCES)
    assert.equal(await probe(plans, 'read', p('w', 'secret', 'key')), ENOENT) // traversable, but nothing there
    assert.equal(await probe(plans, 'write', p('w', 'secret', 'pub', 'file')), EROFS)
  })

  test('readonly inside a write tree: writes fail with EROFS there, work beside it', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'readonly', path: p('w', 'ro')}]})
    assert.equal(await probe(plans, 'create', p('w', 'ro', 'new')), EROFS)
    assert.equal(await probe(plans, 'create', p('w', 'new')), 0)
  })

  test('tmpfs: host contents are gone, files created inside do not reach the host', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'tmpfs', path: p('w', 'tmp')}]})
    assert.equal(await probe(plans, 'read', p('w', 'tmp', 'hostfile')), ENOENT)
    assert.equal(await probe(plans, 'create', p('w', 'tmp', 'inside')), 0)
    assert.equal(existsSync(p('w', 'tmp', 'inside')), false)
    assert.equal(await probe(makePlans({rules: [writeTree()]}), 'read', p('w', 'tmp', 'hostfile')), 0)
  })

  test('ops on paths that do not exist are skipped and create nothing on the host', async (t) => {
    const {p, writeTree} = tree(t)
    const plans = makePlans({rules: [writeTree()], ops: [{kind: 'hide', path: p('w', 'missing'), type: 'dir', traverse: false}]})
    assert.equal(await probe(plans, 'read', p('w', 'sibling')), 0)
    assert.equal(existsSync(p('w', 'missing')), false)
  })
})
