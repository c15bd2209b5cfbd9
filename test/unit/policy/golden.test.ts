// Golden plans for every shipped profile, lowered on a fixed file system for a fixed user.
import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {compileProfile} from '../../../src/policy/compile.js'
import {PACKAGE_ROOT, SHIPPED_PROFILES, nodeProfileHost} from '../../../src/profile/host.js'
import {loadProfile} from '../../../src/profile/load-profile.js'
import {TEST_ENV} from '../../support/memory-host.js'

const GOLDEN = join(PACKAGE_ROOT, 'test', 'unit', 'policy', 'golden')
const NAMES = readdirSync(SHIPPED_PROFILES).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort()

/** Everything exists; names with a dot or listed device files are files. */
const fixedFs = {
  kind: (p: string) => (/\.[a-z]+$|^\/dev\/(null|zero|full|tty|ptmx)$/.test(p.split('/').pop() ?? '') || /^\/dev\/(null|zero|full|tty|ptmx)$/.test(p) ? 'file' as const : 'dir' as const),
  glob: () => [],
  list: () => [],
}

describe('golden plans of the shipped profiles', () => {
  const host = {...nodeProfileHost({HOME: TEST_ENV.HOME, LANDJAIL_CONFIG_DIR: '/nonexistent', XDG_RUNTIME_DIR: TEST_ENV.RUNUSER, TMPDIR: '/tmp'}, TEST_ENV.PWD), env: TEST_ENV, searchPath: [SHIPPED_PROFILES]}
  for (const name of NAMES) {
    test(name, () => {
      const loaded = loadProfile(name, host)
      assert.deepEqual(loaded.diagnostics, [], `${name} has diagnostics`)
      const {plans} = compileProfile(loaded, {abi: 7, fs: fixedFs})
      const actual = JSON.stringify(plans, (k, v) => (k === 'file' && typeof v === 'string' ? v.replace(PACKAGE_ROOT, '<root>') : v), 2) + '\n'
      const file = join(GOLDEN, `${name}.json`)
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, {recursive: true})
        writeFileSync(file, actual)
      }
      assert.equal(actual, readFileSync(file, 'utf8'))
    })
  }
})

describe('shipped profiles on this machine', () => {
  for (const name of NAMES) {
    test(`${name} validates with no diagnostics`, () => {
      const loaded = loadProfile(name, nodeProfileHost())
      assert.deepEqual(loaded.diagnostics, [])
    })
  }
})
