import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, test} from 'node:test'
import {ACCESSES} from '../../src/profile/types.js'
import {formatDiagnostic} from '../../src/profile/diagnostics.js'
import {importFirejailProfile} from '../../src/profile/firejail/import-profile.js'
import '../../src/profile/firejail/register.js'
import {nodeProfileHost} from '../../src/profile/host.js'
import {loadProfile} from '../../src/profile/load-profile.js'
import {decide} from '../../src/policy/decide.js'
import {buildPolicy} from '../../src/policy/policy.js'

const PROFILES = ['firefox', 'vlc', 'gimp', 'ssh', 'curl', 'transmission-gtk', 'thunderbird']

describe('landjail import of real Firejail profiles', {skip: !nodeProfileHost().exists('/etc/firejail/firefox.profile') && 'Firejail profiles are not installed (Debian package firejail-profiles)'}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'landjail-import-'))
  after(() => rmSync(dir, {recursive: true, force: true}))

  for (const name of PROFILES) {
    test(`${name}: the YAML loads without diagnostics and decides every rule path as the Firejail profile does`, () => {
      const host = nodeProfileHost()
      const imported = importFirejailProfile(name, host)
      assert.deepEqual(imported.diagnostics, [])
      assert.ok(imported.yaml)
      const file = join(dir, `${name}.yaml`)
      writeFileSync(file, imported.yaml)
      const yaml = loadProfile(file, host)
      assert.deepEqual(yaml.diagnostics.map((d) => formatDiagnostic(d, (f) => yaml.sources.get(f))), [])

      const firejail = buildPolicy(loadProfile(imported.file, host).layers)
      const converted = buildPolicy(yaml.layers)
      assert.equal(converted.unknown, 'allow')
      assert.deepEqual(converted.private, firejail.private)
      assert.deepEqual(converted.network, firejail.network)
      const points = new Set<string>()
      for (const r of firejail.rules) {
        if (r.glob) continue
        points.add(r.path)
        points.add(`${r.path}/probe`)
      }
      const differ: string[] = []
      for (const p of points) {
        for (const a of ACCESSES) {
          const want = decide(firejail, p, a).verdict
          const got = decide(converted, p, a).verdict
          if (want !== got) differ.push(`${a} ${p}: firejail ${want}, yaml ${got}`)
        }
      }
      assert.deepEqual(differ, [])
      assert.ok(points.size > 10, 'the comparison covers the profile')
    })
  }
})
