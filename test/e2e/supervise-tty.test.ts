// Supervise mode at a real terminal (tmux): the prompt shows who asks for what, "y" lets the call through,
// "n" makes it fail with Permission denied and leaves the file as it was.
import assert from 'node:assert/strict'
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {LANDJAIL} from '../support/cli.js'
import {scratchDir} from '../support/sandbox-fixture.js'
import {Terminal} from '../support/tmux.js'

const term = new Terminal('sv')
const tmux = (...args: string[]) => term.tmux(...args)
const waitFor = (pattern: RegExp, ms?: number) => term.waitFor('main', pattern, ms)

after(() => term.kill())

test('tty prompts: y lists /, n refuses a write with Permission denied', async () => {
  const home = scratchDir('sv-tty')
  const profiles = join(home, 'profiles')
  mkdirSync(profiles)
  const guarded = join(home, 'guarded.txt')
  writeFileSync(guarded, 'original\n')
  chmodSync(guarded, 0o666)
  writeFileSync(join(profiles, 'svshell.yaml'), [
    'description: a shell that asks',
    'filesystem:',
    '  exec: [/usr, /bin, /lib, /lib64]',
    `  read: [/etc, /proc, ${guarded}]`,
    '  write: [/dev]',
    'unknown: prompt',
  ].join('\n') + '\n')
  const env = `HOME='${home}' LANDJAIL_PROFILE_PATH='${profiles}' XDG_STATE_HOME='${home}/state' XDG_RUNTIME_DIR='${home}/run'`
  const shell = `env PS1='sandbox> ' HISTFILE= INPUTRC=/etc/inputrc bash --norc --noprofile -i`
  const cmd = `cd '${home}' && ${env} ${process.execPath} ${LANDJAIL} run svshell --mode supervise --prompt tty --quiet -- ${shell}; echo "exited=$?"; sleep 30`
  tmux('new-session', '-d', '-s', 'main', '-x', '150', '-y', '40', cmd)
  await waitFor(/^sandbox> ?$/m)

  tmux('send-keys', '-t', 'main', 'ls /', 'Enter')
  const asked = await waitFor(/\(y\)es once {2}\(a\)lways {2}\(n\)o once {2}\(N\)ever {2}\[scope: \(f\)ile \(d\)ir\] >/)
  assert.match(asked, /^------------- landjail: access request -------------$/m)
  assert.match(asked, /^svshell: process ls\[\d+\] \(\/usr\/bin\/ls\) wants to read$/m)
  assert.match(asked, /^ {2}\/$/m)
  tmux('send-keys', '-t', 'main', 'y')
  await waitFor(/\busr\b[\s\S]*^sandbox> ?$/m)

  tmux('send-keys', '-t', 'main', 'clear', 'Enter')
  await waitFor(/^sandbox> ?$/m)
  tmux('send-keys', '-t', 'main', `echo evil >> ${guarded}`, 'Enter')
  const write = await waitFor(/wants to write\n {2}\S+guarded\.txt\n\(y\)es once/)
  assert.match(write, /process bash\[\d+\] \(\/usr\/bin\/bash\) wants to write/)
  tmux('send-keys', '-t', 'main', 'n')
  await waitFor(/guarded\.txt: Permission denied/)
  tmux('send-keys', '-t', 'main', 'exit 3', 'Enter')
  await waitFor(/^exited=3$/m)
  assert.equal(readFileSync(guarded, 'utf8'), 'original\n')
  // The decision log has both answers.
  const log = readFileSync(join(home, 'state', 'landjail', 'decisions.jsonl'), 'utf8')
  assert.match(log, /"path":"\/","access":"read","decision":"allow"/)
  assert.match(log, /guarded\.txt","access":"write","decision":"deny"/)
})
