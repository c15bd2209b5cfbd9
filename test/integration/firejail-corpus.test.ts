import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import {describe, test} from 'node:test'
import {formatDiagnostic} from '../../src/profile/diagnostics.js'
import '../../src/profile/firejail/register.js'
import {DIRECTIVES} from '../../src/profile/firejail/directives.js'
import {canonicalPath, nodeFsView, nodeProfileHost} from '../../src/profile/host.js'
import {loadProfile, type LoadedProfile} from '../../src/profile/load-profile.js'
import {compileProfile} from '../../src/policy/compile.js'
import type {FsView} from '../../src/policy/concretise.js'

const DIR = '/etc/firejail'

/** Profiles broken as shipped, which Firejail itself refuses too. */
const BROKEN: Record<string, string> = {
  // Includes chrome-common-hardened.inc.profile, which the package does not ship.
  'electron-hardened.inc.profile': 'MISSING_INCLUDE',
}

const profiles = (() => {
  try {
    return readdirSync(DIR).filter((f) => f.endsWith('.profile')).sort()
  } catch {
    return []
  }
})()

/** The same answers as nodeFsView and canonicalPath, asked once per path for the whole corpus. */
function cachedFs(): {fs: FsView; resolvePath: (p: string) => string} {
  const real = nodeFsView()
  const kinds = new Map<string, 'dir' | 'file' | 'missing'>()
  const globs = new Map<string, readonly string[]>()
  const lists = new Map<string, readonly string[]>()
  const canonical = new Map<string, string>()
  const memo = <T>(m: Map<string, T>, key: string, f: () => T): T => {
    let v = m.get(key)
    if (v === undefined) m.set(key, (v = f()))
    return v
  }
  return {
    fs: {kind: (p) => memo(kinds, p, () => real.kind(p)), glob: (p) => memo(globs, p, () => real.glob(p)), list: (p) => memo(lists, p, () => real.list(p))},
    resolvePath: (p) => memo(canonical, p, () => canonicalPath(p)),
  }
}

describe('the installed Firejail profiles', {skip: profiles.length === 0 && `no profiles in ${DIR} (Debian packages firejail, firejail-profiles)`}, () => {
  const host = nodeProfileHost()
  const loaded = new Map<string, LoadedProfile>()

  test('every profile loads without errors', () => {
    const failures: string[] = []
    for (const file of profiles) {
      const l = loadProfile(`${DIR}/${file}`, host)
      const errors = l.diagnostics.filter((d) => d.severity === 'error')
      if (BROKEN[file]) {
        assert.deepEqual(errors.map((d) => d.code), [BROKEN[file]], `${file} is expected to fail with ${BROKEN[file]}`)
        continue
      }
      if (errors.length) failures.push(...errors.map((d) => formatDiagnostic(d, (f) => l.sources.get(f))))
      else loaded.set(file, l)
    }
    console.log(`${loaded.size} of ${profiles.length} Firejail profiles load (${Object.keys(BROKEN).length} broken as shipped)`)
    const counts = new Map<string, number>()
    for (const l of loaded.values()) {
      for (const layer of l.layers) for (const n of layer.settings.notEnforced ?? []) {
        const name = n.directive.split(' ')[0] as string
        counts.set(name, (counts.get(name) ?? 0) + 1)
      }
    }
    console.log('profiles with each not-enforced directive:')
    for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${name.padEnd(26)} ${n}`)
    assert.deepEqual(failures, [])
    assert.ok(loaded.size > 1000, 'the corpus is the ~1,200 installed profiles')
    for (const name of counts.keys()) assert.ok(DIRECTIVES[name], `${name} is a known directive`)
  })

  test('every profile compiles for Landlock ABI 7 without errors', () => {
    const {fs, resolvePath} = cachedFs()
    const started = Date.now()
    const failures: string[] = []
    for (const [file, l] of loaded) {
      try {
        const compiled = compileProfile(l, {abi: 7, fs, resolvePath})
        assert.ok(compiled.plans.landlock)
      } catch (error) {
        failures.push(`${file}: ${String(error)}`)
      }
    }
    console.log(`${loaded.size} profiles compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    assert.deepEqual(failures, [])
  })
})
