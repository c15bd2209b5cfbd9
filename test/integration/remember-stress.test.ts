// Remember under stress: 4 supervised sandboxes of one profile each get 50 different "always"/"never" answers
// (through the agent socket) while a script rewrites the profile's comments by rename-save every few ms. At the end
// the profile parses, holds all 200 answers and the comments as the script last wrote them, and no sandbox missed a
// reload: each reads all 200 files again with no prompt, allowed and denied as answered.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {parse} from 'yaml'
import {requestAgent} from '../../src/supervisor/prompt-client.js'
import {listSandboxes} from '../../src/supervisor/sandbox-state.js'
import type {PendingView} from '../../src/supervisor/prompt-agent.js'
import {makeHome, startSupervised, until} from './supervise-support.js'

const SANDBOXES = 4
const ANSWERS = 50
const lasting = (i: number): 'always' | 'never' => (i % 5 ? 'always' : 'never')

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
  test(`${SANDBOXES} sandboxes x ${ANSWERS} answers while an editor rename-saves comments every few ms`, async () => {
    const home = makeHome('remember-stress', 'stress', () => [
      '# rev 0: a profile under stress',
      'filesystem:',
      '  exec: [/usr, /bin, /lib, /lib64]   # rev 0 system',
      '  read: [/etc]',
      '  write: [/dev/null]',
      '',
      '# rev 0 before the list',
      'remember:',
      '  - allow read /etc/hosts  # rev 0 first',
      '# rev 0 after the list',
      'unknown: prompt',
    ])
    const file = join(home.dir, 'profiles', 'stress.yaml')
    const data = join(home.dir, 'data')
    for (let w = 0; w < SANDBOXES; w++) {
      mkdirSync(join(data, `w${w}`), {recursive: true})
      for (let i = 0; i < ANSWERS; i++) writeFileSync(join(data, `w${w}`, `f${i}`), 'x\n')
    }
    const go = join(home.dir, 'go')
    const script = (w: number) => [
      `for i in $(seq 0 ${ANSWERS - 1}); do cat ${data}/w${w}/f$i >/dev/null 2>&1; done`,
      `while [ ! -e ${go} ]; do sleep 0.05; done`,
      `for w in $(seq 0 ${SANDBOXES - 1}); do for i in $(seq 0 ${ANSWERS - 1}); do`,
      `  if cat ${data}/w$w/f$i >/dev/null 2>&1; then echo "w$w/f$i ok"; else echo "w$w/f$i denied"; fi`,
      'done; done',
    ].join('\n')
    process.env.XDG_RUNTIME_DIR = home.env.XDG_RUNTIME_DIR
    const stop = join(home.dir, 'stop')
    const rewriter = run(REWRITER, [file, stop])
    const runs = Array.from({length: SANDBOXES}, (_, w) => startSupervised(home, 'stress', ['--prompt', 'agent', '--prompt-timeout', '3'], ['/bin/sh', '-c', script(w)]))
    const wanted = new Map<string, 'always' | 'never'>()
    for (let w = 0; w < SANDBOXES; w++) for (let i = 0; i < ANSWERS; i++) wanted.set(join(data, `w${w}`, `f${i}`), lasting(i))
    let answered = 0
    try {
      // A person at \`landjail prompts\`, answering each request once.
      const expected = (text: string) => {
        try {
          const list = (parse(text) as {remember?: string[]}).remember ?? []
          return list.length === 1 + SANDBOXES * ANSWERS ? true : undefined
        } catch {
          return undefined
        }
      }
      await until('all answers in the profile', async () => {
        for (const sandbox of listSandboxes()) {
          if (!sandbox.socket) continue
          const reply = await requestAgent(sandbox.socket, {op: 'list'}).catch(() => ({pending: []}))
          for (const p of (reply.pending as PendingView[] | undefined) ?? []) {
            const answer = wanted.get(p.path)
            assert.ok(answer, `an unexpected prompt: ${p.access} ${p.path}`)
            wanted.delete(p.path)
            await requestAgent(sandbox.socket, {op: 'answer', id: p.id, answer})
            answered++
          }
        }
        return expected(readFileSync(file, 'utf8'))
      }, 150_000)
      writeFileSync(stop, '')
      const edits = await rewriter
      assert.equal(edits.status, 0, edits.stderr)
      const lastRev = Number(edits.stdout)
      assert.ok(lastRev > 10, `the editor saved ${lastRev} times`)
      assert.equal(answered, SANDBOXES * ANSWERS)

      const final = readFileSync(file, 'utf8')
      const js = parse(final) as {remember: string[]}
      for (let w = 0; w < SANDBOXES; w++) {
        for (let i = 0; i < ANSWERS; i++) {
          const entry = `${lasting(i) === 'always' ? 'allow' : 'deny'} read ${home.dir}/data/w${w}/f${i}`.replace(home.dir, '${HOME}')
          assert.ok(js.remember.includes(entry), entry)
        }
      }
      const revs = [...final.matchAll(/# rev (\d+)/g)].map((m) => Number(m[1]))
      assert.deepEqual(revs, Array(5).fill(lastRev), 'every comment as the editor last wrote it')

      // Every sandbox has the last save in force: the 200 reads give no prompt and the answers given.
      await new Promise((r) => setTimeout(r, 1000))
      writeFileSync(go, '')
      const outs = await Promise.all(runs.map((r) => r.done))
      for (const [w, out] of outs.entries()) {
        assert.equal(out.code, 0, out.stderr)
        const results = out.stdout.trim().split('\n')
        assert.equal(results.length, SANDBOXES * ANSWERS, `sandbox ${w}: ${out.stdout}`)
        for (const line of results) {
          const i = Number(/f(\d+) /.exec(line)?.[1])
          assert.equal(line.endsWith(lasting(i) === 'always' ? ' ok' : ' denied'), true, `sandbox ${w}: ${line}`)
        }
      }
      assert.equal(answered, SANDBOXES * ANSWERS, 'no prompt in the second pass')
    } finally {
      writeFileSync(stop, '')
      writeFileSync(go, '')
      for (const r of runs) r.child.kill('SIGTERM')
      await Promise.all(runs.map((r) => r.done))
    }
  })
})
