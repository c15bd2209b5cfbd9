// `landjail run bash` under a real terminal (tmux): prompt, job control, Ctrl-C, confinement.
import assert from 'node:assert/strict'
import {existsSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {LANDJAIL} from '../support/cli.js'
import {scratchDir} from '../support/sandbox-fixture.js'
import {Terminal} from '../support/tmux.js'

const term = new Terminal('e2e')
const tmux = (...args: string[]) => term.tmux(...args)
const waitFor = (pattern: RegExp, ms?: number) => term.waitFor('main', pattern, ms)

after(() => term.kill())

test('an interactive shell: prompt, job control, Ctrl-C, confined to its directory', async () => {
  const home = scratchDir('bash')
  const work = join(home, 'work')
  mkdirSync(work)
  const cmd = `cd '${work}' && HOME='${home}' LANDJAIL_CONFIG_DIR='${home}/config' PS1='sandbox> ' ${process.execPath} ${LANDJAIL} run bash --quiet -- bash --norc --noprofile -i; echo "exited=$?"; sleep 30`
  tmux('new-session', '-d', '-s', 'main', '-x', '120', '-y', '30', cmd)
  await waitFor(/^sandbox> ?$/m)

  tmux('send-keys', '-t', 'main', 'sleep 300 &', 'Enter')
  await waitFor(/^\[1\] \d+/m)
  tmux('send-keys', '-t', 'main', 'jobs', 'Enter')
  await waitFor(/^\[1\]\+\s+Running\s+sleep 300 &/m)
  tmux('send-keys', '-t', 'main', 'kill %1', 'Enter')

  tmux('send-keys', '-t', 'main', 'sleep 100; echo after-sleep', 'Enter')
  await new Promise((r) => setTimeout(r, 300))
  tmux('send-keys', '-t', 'main', 'C-c')
  tmux('send-keys', '-t', 'main', 'echo interrupted-ok', 'Enter')
  const afterInterrupt = await waitFor(/^interrupted-ok$/m)
  assert.doesNotMatch(afterInterrupt, /^after-sleep$/m)

  tmux('send-keys', '-t', 'main', 'echo inside > made-inside && echo wrote-inside', 'Enter')
  await waitFor(/^wrote-inside$/m)
  tmux('send-keys', '-t', 'main', 'echo outside > ../made-outside', 'Enter')
  await waitFor(/made-outside: Permission denied/)
  tmux('send-keys', '-t', 'main', 'exit 7', 'Enter')
  await waitFor(/^exited=7$/m)
  assert.ok(existsSync(join(work, 'made-inside')))
  assert.ok(!existsSync(join(home, 'made-outside')))
})
