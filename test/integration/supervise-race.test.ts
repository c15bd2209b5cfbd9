// A path re-pointed between the supervisor's check and the kernel's use never reaches a denied file: not by
// rewriting the path buffer from another thread, not by swapping a symlink; for continued and carried-out opens.
import assert from 'node:assert/strict'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {answer, makeHome, startSupervised} from './supervise-support.js'

const N = '20000'

/** Two same-length files: a/file.txt says "allowed", b/file.txt says "DENIED"; w/ is writable (the symlink lives there). */
function files(dir: string): {allowed: string; denied: string; link: string} {
  for (const d of ['a', 'b', 'w']) mkdirSync(join(dir, d))
  writeFileSync(join(dir, 'a', 'file.txt'), 'allowed\n')
  writeFileSync(join(dir, 'b', 'file.txt'), 'DENIED\n')
  return {allowed: join(dir, 'a', 'file.txt'), denied: join(dir, 'b', 'file.txt'), link: join(dir, 'w', 'link')}
}

function counts(stdout: string): {opened: number; refused: number; leaked: number}[] {
  return [...stdout.matchAll(/opened=(\d+) refused=(\d+) leaked=(\d+)/g)].map((m) => ({opened: Number(m[1]), refused: Number(m[2]), leaked: Number(m[3])}))
}

describe('re-pointed paths', {concurrency: true}, () => {
  test('allowed by the floor (continued): the denied twin is never opened', async () => {
    const home = makeHome('sv-race-floor', 'race', (dir) => [
      'filesystem:',
      '  exec: [/usr, /bin, /lib, /lib64, ' + join(dir, 'bin') + ']',
      `  read: [${join(dir, 'a')}]`,
      `  write: [${join(dir, 'w')}]`,
      'unknown: deny',
    ])
    const f = files(home.dir)
    const r = await startSupervised(home, 'race', ['--prompt', 'none'], ['/bin/sh', '-c',
      `"$0" buffer "$1" "$2" ${N}; "$0" symlink "$3" "$1" "$2" ${N}`, home.raceOpen, f.allowed, f.denied, f.link]).done
    assert.equal(r.code, 0, r.stderr + r.stdout)
    const [buffer, symlink] = counts(r.stdout)
    for (const c of [buffer, symlink]) {
      assert.ok(c, r.stdout)
      assert.equal(c.leaked, 0)
      assert.ok(c.opened > 0 && c.refused > 0, `both sides of the race were hit: ${JSON.stringify(c)}`)
    }
  })

  test('allowed beyond the floor (carried out after "yes"): the denied twin ("no") is never opened', async () => {
    const home = makeHome('sv-race-yes', 'race', (dir) => [
      'filesystem:',
      '  exec: [/usr, /bin, /lib, /lib64, ' + join(dir, 'bin') + ']',
      '  read: [/etc]',
      `  write: [${join(dir, 'w')}]`,
      'unknown: prompt',
    ])
    const f = files(home.dir)
    const run = startSupervised(home, 'race', ['--prompt', 'agent'], ['/bin/sh', '-c',
      `"$0" prime "$1" "$2" && "$0" buffer "$1" "$2" ${N}; "$0" symlink "$3" "$1" "$2" ${N}`, home.raceOpen, f.allowed, f.denied, f.link])
    await answer(home, f.allowed, 'yes')
    await answer(home, f.denied, 'no')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr + r.stdout)
    assert.match(r.stdout, new RegExp(`${f.allowed} 0\\n${f.denied} 13\\n`))
    const [buffer, symlink] = counts(r.stdout)
    for (const c of [buffer, symlink]) {
      assert.ok(c, r.stdout)
      assert.equal(c.leaked, 0)
      assert.ok(c.opened > 0 && c.refused > 0, `both sides of the race were hit: ${JSON.stringify(c)}`)
    }
  })
})
