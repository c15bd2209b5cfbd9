// Live editing: while a program runs in supervise mode, a blacklist line added to its profile makes the next read
// fail and removing it makes the next read work, each within 1 s of the save and with no restart; a broken save
// leaves the rules in force and prints the error with its position.
import assert from 'node:assert/strict'
import {readFileSync, renameSync, writeFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import {makeHome, startSupervised, until} from './supervise-support.js'

const profileText = (dir: string, extra: string[] = []): string => [
  '# a reader whose profile is edited while it runs',
  'filesystem:',
  '  exec: [/usr, /bin, /lib, /lib64]',
  `  read: [/etc, ${join(dir, 'data')}]   # the notes`,
  '  write: [/dev/null]',
  ...extra,
  'unknown: deny',
  '',
].join('\n')

/** Save like an editor that writes a new file and renames it over the old one. */
function saveByRename(file: string, text: string): number {
  writeFileSync(`${file}.swp`, text)
  renameSync(`${file}.swp`, file)
  return Date.now()
}

/** The reader's log lines: `<ms since the epoch> ok|denied`. */
function lines(out: string): {at: number; ok: boolean}[] {
  return out.split('\n').filter((l) => /^\d+ (ok|denied)$/.test(l)).map((l) => {
    const [at, what] = l.split(' ')
    return {at: Number(at), ok: what === 'ok'}
  })
}

test('live edit: blacklist on and off within 1 s each, a broken save keeps the rules and says where', async () => {
  const home = makeHome('sv-edit', 'reader', (dir) => {
    mkdirSync(join(dir, 'data'))
    writeFileSync(join(dir, 'data', 'note.txt'), 'note\n')
    return [profileText(dir)]
  })
  const file = join(home.dir, 'profiles', 'reader.yaml')
  const note = join(home.dir, 'data', 'note.txt')
  const loop = `while :; do if cat ${note} >/dev/null 2>&1; then echo "$(date +%s%3N) ok"; else echo "$(date +%s%3N) denied"; fi; sleep 0.05; done`
  let stdout = ''
  let stderr = ''
  const run = startSupervised(home, 'reader', ['--prompt', 'none'], ['/bin/sh', '-c', loop])
  run.child.stdout?.on('data', (d: string) => (stdout += d))
  run.child.stderr?.on('data', (d: string) => (stderr += d))
  const seen = () => lines(stdout)
  /** The first line after `since` that reads `ok`; its delay from `since`. */
  const firstAfter = (since: number, ok: boolean) => until(`a read that is ${ok ? 'allowed' : 'denied'}`, () => {
    const l = seen().find((x) => x.at >= since && x.ok === ok)
    return l ? l.at - since : undefined
  }, 10_000)
  try {
    await firstAfter(0, true)
    // The read the profile allows is the kernel's to check until an edit takes it away.
    assert.equal(seen().every((l) => l.ok), true)

    const blacklisted = saveByRename(file, profileText(home.dir, [`  blacklist: [${note}]`]))
    const off = await firstAfter(blacklisted, false)
    assert.ok(off < 1000, `the blacklist took ${off} ms`)
    await new Promise((r) => setTimeout(r, 200))
    assert.ok(seen().filter((l) => l.at > blacklisted + off).every((l) => !l.ok), 'once denied, denied')

    // A broken save: the blacklist stays, the error is printed with file, line and column.
    saveByRename(file, profileText(home.dir, ['  blacklist: [oops']))
    await until('the error of the broken save', () => (/error YAML_SYNTAX/.test(stderr) ? true : undefined), 5000)
    assert.match(stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error YAML_SYNTAX: `))
    assert.match(stderr, /the last good profile stays in force/)
    const broken = Date.now()
    await new Promise((r) => setTimeout(r, 600))
    const during = seen().filter((l) => l.at > broken)
    assert.ok(during.length > 0 && during.every((l) => !l.ok), 'the blacklist still holds after a broken save')

    const restored = saveByRename(file, profileText(home.dir))
    const on = await firstAfter(restored, true)
    assert.ok(on < 1000, `removing the blacklist took ${on} ms`)
  } finally {
    run.child.kill('SIGTERM')
    await run.done
  }
  const log = readFileSync(join(home.dir, 'state', 'landjail', 'decisions.jsonl'), 'utf8')
  assert.match(log, /"event":"reload","message":"[^"]*takes away/)
  assert.match(log, /"event":"reload-rejected"/)
  assert.match(log, /note\.txt","access":"read","decision":"deny","decidedBy":"profile reader: deny read/)
})
