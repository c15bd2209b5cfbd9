// "always" and "never" at a real terminal (tmux): the answer becomes exactly one line of the profile, every other
// byte stays, and the same access gives no prompt again, neither later in the same run nor in a new run.
import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {LANDJAIL} from '../support/cli.js'
import {scratchDir} from '../support/sandbox-fixture.js'
import {Terminal} from '../support/tmux.js'

const term = new Terminal('remember')
after(() => term.kill())

const PROMPT = /\(y\)es once {2}\(a\)lways {2}\(n\)o once {2}\(N\)ever/
const SHELL_PROMPT = /^sandbox> ?$/m

// Comments, odd spacing, both quotes, flow and block lists, a tab in a comment and no final newline.
const PROFILE = [
  '# notes: a shell for my notes   ',
  "description:   'a shell that asks'    # single-quoted on purpose",
  '',
  'filesystem:',
  '    exec: [ /usr,  /bin, /lib, /lib64 ]   # wide flow list',
  '    read:',
  '        - /etc',
  '        - "/proc"        # double-quoted',
  '    write: [/dev]',
  '',
  'remember:',
  '    # answers land here\tand stay',
  '    - allow read /etc/hostname   # 2026-01-01 me',
  '',
  'unknown: prompt  # ask about the rest',
].join('\n')

/** The text with `line` taken out once: the profile as it was before the answer, if only that line was added. */
function without(text: string, line: RegExp): {rest: string; added: string[]} {
  const lines = text.split('\n')
  const added = lines.filter((l) => line.test(l))
  return {rest: lines.filter((l) => !line.test(l)).join('\n'), added}
}

/** Run `cmd` at the sandbox's shell prompt and wait for the next shell prompt after `done`. */
async function shell(session: string, cmd: string, done: RegExp): Promise<string> {
  term.keys(session, 'clear', 'Enter')
  await term.waitFor(session, /^sandbox> ?\n*$/)
  term.keys(session, cmd, 'Enter')
  return term.waitFor(session, done)
}

/** A scratch home with the notes profile and `files` (name -> content); `run` is the shell command for landjail. */
function notesHome(prefix: string, files: Record<string, string>): {home: string; file: string; run: (args: string) => string} {
  const home = scratchDir(prefix)
  const profiles = join(home, 'profiles')
  mkdirSync(profiles)
  const file = join(profiles, 'notes.yaml')
  writeFileSync(file, PROFILE)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text)
  const env = `HOME='${home}' LANDJAIL_PROFILE_PATH='${profiles}' LANDJAIL_CONFIG_DIR='${home}/config' XDG_STATE_HOME='${home}/state' XDG_RUNTIME_DIR='${home}/run'`
  const run = (args: string) => `cd '${home}' && ${env} ${process.execPath} ${LANDJAIL} run notes --mode supervise --prompt tty --quiet ${args}; echo "exited=$?"; sleep 30`
  return {home, file, run}
}

test('a and N at the prompt: one line each in the profile, no prompt for the same access again, in this run or the next', async () => {
  const {file, run} = notesHome('remember-tty', {'todo.txt': 'todo-content\n', 'secret.txt': 'secret-content\n'})
  const bash = `env PS1='sandbox> ' HISTFILE= INPUTRC=/etc/inputrc bash --norc --noprofile -i`
  const start = (session: string) => {
    term.start(session, run(`-- ${bash}`))
    return term.waitFor(session, SHELL_PROMPT)
  }
  const todoLine = /^ {4}- allow read \$\{HOME\}\/todo\.txt {2}# \d{4}-\d\d-\d\d cat$/
  const secretLine = /^ {4}- deny read \$\{HOME\}\/secret\.txt {2}# \d{4}-\d\d-\d\d cat$/
  const waitForFile = async (line: RegExp): Promise<string> => {
    const deadline = Date.now() + 5000
    for (;;) {
      const text = readFileSync(file, 'utf8')
      if (without(text, line).added.length > 0 || Date.now() > deadline) return text
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  await start('first')
  let screen = await shell('first', 'cat todo.txt', PROMPT)
  assert.match(screen, /notes: process cat\[\d+\] \(\/usr\/bin\/cat\) wants to read\n {2}\S+\/todo\.txt/)
  term.keys('first', 'a')
  await term.waitFor('first', /^todo-content$/m)
  const afterAlways = await waitForFile(todoLine)
  const always = without(afterAlways, todoLine)
  assert.equal(always.added.length, 1, `one line added:\n${afterAlways}`)
  assert.equal(always.rest, PROFILE, 'nothing else in the file changed')

  screen = await shell('first', 'cat todo.txt; echo status=$?', /^status=0\n(?:.*\n)*sandbox> ?$/m)
  assert.doesNotMatch(screen, /access request/, 'no prompt for an access answered "always"')

  screen = await shell('first', 'cat secret.txt', PROMPT)
  assert.match(screen, /wants to read\n {2}\S+\/secret\.txt/)
  term.keys('first', 'N')
  await term.waitFor('first', /secret\.txt: Permission denied/)
  const afterNever = await waitForFile(secretLine)
  const never = without(without(afterNever, secretLine).rest, todoLine)
  assert.equal(without(afterNever, secretLine).added.length, 1, `one line added:\n${afterNever}`)
  assert.equal(never.rest, PROFILE, 'nothing else in the file changed')

  screen = await shell('first', 'cat secret.txt; echo status=$?', /^status=1\n(?:.*\n)*sandbox> ?$/m)
  assert.match(screen, /Permission denied/)
  assert.doesNotMatch(screen, /access request/, 'no prompt for an access answered "never"')
  term.keys('first', 'exit', 'Enter')
  await term.waitFor('first', /^exited=0$/m)

  // A new run reads the answers from the profile: no prompt, the same outcomes, and the file is left alone.
  await start('second')
  screen = await shell('second', 'cat todo.txt; cat secret.txt; echo status=$?', /^status=1\n(?:.*\n)*sandbox> ?$/m)
  assert.match(screen, /^todo-content$/m)
  assert.match(screen, /secret\.txt: Permission denied/)
  assert.doesNotMatch(screen, /access request/)
  term.keys('second', 'exit', 'Enter')
  await term.waitFor('second', /^exited=0$/m)
  assert.equal(readFileSync(file, 'utf8'), afterNever)
})

test('a prompt on screen is settled by a profile edit that covers it, with no key pressed', async () => {
  const {home, file, run} = notesHome('edit-tty', {'later.txt': 'later-content\n'})
  term.start('edit', run('--prompt-timeout 0 -- /bin/cat later.txt'))
  await term.waitFor('edit', PROMPT)
  // An edit that does not cover the request leaves the prompt open.
  writeFileSync(file, `${PROFILE}\n# an unrelated comment\n`)
  await new Promise((r) => setTimeout(r, 600))
  assert.doesNotMatch(term.screen('edit'), /settled meanwhile|later-content|exited=/)
  writeFileSync(file, PROFILE.replace('        - /etc\n', `        - /etc\n        - ${join(home, 'later.txt')}\n`))
  const screen = await term.waitFor('edit', /^exited=\d+$/m)
  // The program may go on before the prompt line is closed: both appear, in either order.
  assert.match(screen, /settled meanwhile/)
  assert.match(screen, /later-content/)
  assert.match(screen, /^exited=0$/m)
})
