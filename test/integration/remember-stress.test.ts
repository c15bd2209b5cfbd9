import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {pathToFileURL} from 'node:url'
import {parse} from 'yaml'
import {nodeProfileHost, PACKAGE_ROOT} from '../../src/profile/host.js'
import {liveProfile} from '../../src/supervisor/reload/live-profile.js'
import {reloadPolicy} from '../../src/supervisor/reload/reload-policy.js'

const WRITERS = 4
const ANSWERS = 50
const REMEMBER = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'profile', 'remember', 'remember-answer.js')).href

/** A sandbox's supervisor, reduced to its remembering: ANSWERS different answers, one after another. */
const WRITER = `
import {rememberAnswer} from ${JSON.stringify(REMEMBER)}
const [file, local, id] = process.argv.slice(1)
for (let i = 0; i < ${ANSWERS}; i++) {
  await rememberAnswer({profileFile: file, localFile: local}, {effect: i % 5 ? 'allow' : 'deny', access: 'read', path: '/srv/stress/w' + id + '/f' + i, program: 'w' + id}, {verifyAfterMs: 30})
}
`

/** A person's editor, very fast: read, change the comment text, write a temp file, rename it over the profile. */
const REWRITER = `
import {existsSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {setTimeout as sleep} from 'node:timers/promises'
const [file, stop] = process.argv.slice(1)
let rev = 0
let saved = 0
const save = () => {
  const before = statSync(file)
  const text = readFileSync(file, 'utf8')
  const next = text.replace(/# rev \\d+/g, '# rev ' + (rev + 1))
  writeFileSync(file + '.swp', next)
  // Like vim, do not overwrite a file that changed since it was read.
  const now = statSync(file)
  if (now.ino !== before.ino || now.mtimeMs !== before.mtimeMs) return
  renameSync(file + '.swp', file)
  rev++
  saved++
}
while (!existsSync(stop)) {
  save()
  await sleep(2 + Math.random() * 4)
}
while (rev === 0 || saved === 0) save()
const last = rev
saved = 0
while (saved === 0) save()
process.stdout.write(String(rev === last + 1 ? rev : -1))
`

function run(code: string, args: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

describe('remember under stress', () => {
  test(`${WRITERS} writers x ${ANSWERS} answers while an editor rename-saves comments every few ms; a watcher sees the end`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'lj-stress-'))
    const profiles = join(root, 'profiles')
    mkdirSync(profiles)
    const file = join(profiles, 'stress.yaml')
    writeFileSync(file, [
      '# rev 0: a profile under stress',
      'filesystem:',
      '  read: [/usr]   # rev 0 system',
      '',
      '# rev 0 before the list',
      'remember:',
      '  - allow read /etc/hosts  # rev 0 first',
      '# rev 0 after the list',
      'unknown: prompt',
      '',
    ].join('\n'))
    const host = nodeProfileHost({...process.env, LANDJAIL_CONFIG_DIR: join(root, 'config'), LANDJAIL_PROFILE_PATH: profiles}, root)
    const first = reloadPolicy('stress', host)
    assert.equal(first.kind, 'reloaded')
    if (first.kind !== 'reloaded') return
    let lastSeen = first.loaded.sources.get(file)
    let reloads = 0
    const live = liveProfile('stress', host, first, (r) => {
      reloads++
      if (r.kind === 'reloaded') lastSeen = r.loaded.sources.get(file)
    })
    await live.ready
    try {
      const stop = join(root, 'stop')
      const rewriter = run(REWRITER, [file, stop])
      const writers = await Promise.all(Array.from({length: WRITERS}, (_, id) => run(WRITER, [file, join(root, 'config', 'local', 'stress.yaml'), String(id)])))
      writeFileSync(stop, '')
      const edits = await rewriter
      for (const w of writers) assert.equal(w.status, 0, w.stderr)
      assert.equal(edits.status, 0, edits.stderr)
      const lastRev = Number(edits.stdout)
      assert.ok(lastRev > 10, `the editor saved ${lastRev} times`)

      const final = readFileSync(file, 'utf8')
      const js = parse(final) as {remember: string[]}
      for (let id = 0; id < WRITERS; id++) {
        for (let i = 0; i < ANSWERS; i++) assert.ok(js.remember.includes(`${i % 5 ? 'allow' : 'deny'} read /srv/stress/w${id}/f${i}`), `w${id} f${i}`)
      }
      assert.equal(js.remember.length, 1 + WRITERS * ANSWERS)
      const revs = [...final.matchAll(/# rev (\d+)/g)].map((m) => Number(m[1]))
      assert.deepEqual(revs, Array(5).fill(lastRev), 'every comment as the editor last wrote it')

      const deadline = Date.now() + 2000
      while (lastSeen !== final && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      assert.equal(lastSeen, final, 'the last reload saw the final content')
      assert.ok(reloads > 1)
    } finally {
      await live.close()
    }
  })
})
