// The agent backend: answers given with `landjail prompts` reach the right request; identical requests share one
// prompt and all get its answer; a supervisor killed with SIGKILL takes its sandbox with it; a busy sandbox with a
// prompt open in the middle loses no notification.
import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {answer, landjailIn, makeHome, pendingPrompts, sandboxState, startSupervised, until, type Home} from './supervise-support.js'
import {alive, descendants} from '../support/processes.js'

const base = (dir: string): string[] => [
  'filesystem:',
  `  exec: [/usr, /bin, /lib, /lib64, ${join(dir, 'bin')}]`,
  `  read: [/etc, ${join(dir, 'open.txt')}]`,
  '  write: [/dev/null]',
  'unknown: prompt',
]

function seed(home: Home, names: readonly string[]): string[] {
  return names.map((n) => {
    writeFileSync(join(home.dir, n), `${n}-content\n`)
    return join(home.dir, n)
  })
}

describe('supervise with the agent backend', {concurrency: true}, () => {
  test('answers reach the right request: yes opens one file, no refuses the other', async () => {
    const home = makeHome('sv-agent', 'agent', base)
    const [yes, no] = seed(home, ['yes.txt', 'no.txt']) as [string, string]
    const run = startSupervised(home, 'agent', ['--prompt', 'agent', '--prompt-timeout', '0'], ['/bin/sh', '-c',
      'cat "$0" > /dev/null 2>&1 & cat "$1"; echo "yes-rc=$?"; wait $!; echo "no-rc=$?"', no, yes])
    // Both are pending at once; answer them in the other order than they were asked.
    await until('two prompts', () => (pendingPrompts(home).length === 2 ? true : undefined))
    await answer(home, yes, 'yes')
    await answer(home, no, 'no')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^yes\.txt-content\nyes-rc=0\nno-rc=1\n$/)
    const log = readFileSync(join(home.dir, 'state', 'landjail', 'decisions.jsonl'), 'utf8')
    assert.match(log, new RegExp(`"path":"${yes}","access":"read","decision":"allow","decidedBy":"answer yes \\(file\\) via agent`))
    assert.match(log, new RegExp(`"path":"${no}","access":"read","decision":"deny","decidedBy":"[^"]*deny read ${no}`))
  })

  for (const [reply, expect] of [['yes', 20], ['no', 0]] as const) {
    test(`20 processes asking for the same file make one prompt; "${reply}" settles all of them`, async () => {
      const home = makeHome(`sv-twenty-${reply}`, 'agent', base)
      const [file] = seed(home, ['shared.txt']) as [string]
      const run = startSupervised(home, 'agent', ['--prompt', 'agent', '--prompt-timeout', '0'], ['/bin/sh', '-c',
        'i=0; while [ $i -lt 20 ]; do cat "$0" & i=$((i+1)); done; wait', file])
      await until('20 waiting calls', () => ((sandboxState(home)?.pendingCalls ?? 0) === 20 ? true : undefined))
      assert.equal(pendingPrompts(home).length, 1)
      await answer(home, file, reply)
      const r = await run.done
      assert.equal((r.stdout.match(/shared\.txt-content/g) ?? []).length, expect, r.stdout + r.stderr)
      assert.equal((r.stderr.match(/Permission denied/g) ?? []).length, 20 - expect, r.stderr)
    })
  }

  test('SIGKILL of landjail ends the sandbox: nothing is left running', async () => {
    const home = makeHome('sv-kill', 'agent', base)
    const [file] = seed(home, ['wait.txt']) as [string]
    const run = startSupervised(home, 'agent', ['--prompt', 'agent', '--prompt-timeout', '0'], ['/bin/sh', '-c', 'sleep 300 & cat "$0"; wait', file])
    await until('a pending prompt', () => (pendingPrompts(home).length === 1 ? true : undefined))
    const pid = run.child.pid as number
    const inside = descendants(pid)
    assert.ok(inside.length >= 3, `bwrap, the shell, sleep and cat run: ${inside.join(' ')}`)
    process.kill(pid, 'SIGKILL')
    await run.done
    await until('every sandbox process to be gone', () => (inside.every((p) => !alive(p)) ? true : undefined), 5000)
  })

  test('a make -j style load with a prompt open in the middle: no deadlock, no lost notification', async () => {
    const home = makeHome('sv-load', 'agent', base)
    const [asked] = seed(home, ['asked.txt']) as [string]
    const open = join(home.dir, 'open.txt')
    writeFileSync(open, 'x\n')
    const loop = `"$0" loop "$1" 3000`
    const run = startSupervised(home, 'agent', ['--prompt', 'agent', '--prompt-timeout', '0'], ['/bin/sh', '-c',
      `(${loop}) & (${loop}) & (${loop}; cat "$2"; ${loop}) & (${loop}) & wait`, home.raceOpen, open, asked])
    await until('the prompt in the middle', () => pendingPrompts(home).find((p) => p.path === asked))
    await answer(home, asked, 'yes')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal((r.stdout.match(/ok=3000 of 3000/g) ?? []).length, 5, r.stdout)
    assert.match(r.stdout, /asked\.txt-content/)
  })

  test('landjail prompts passes over a sandbox whose socket is gone, and lists a live one', async () => {
    const home = makeHome('sv-stale', 'agent', base)
    const dir = join(home.env.XDG_RUNTIME_DIR ?? '', 'landjail')
    mkdirSync(dir, {recursive: true, mode: 0o700})
    const state = {id: 'dead00', pid: process.pid, profile: 'agent', mode: 'supervise', prompt: 'agent', started: new Date().toISOString(), pendingPrompts: 1, pendingCalls: 1}
    writeFileSync(join(dir, 'dead00.json'), JSON.stringify({...state, socket: join(dir, 'dead00.sock')}))
    const stale = landjailIn(home, ['prompts'])
    assert.equal(stale.status, 0, stale.stderr)
    assert.equal(stale.stdout.trim(), 'no pending prompts')
    assert.doesNotMatch(stale.stderr, /Error|at /)

    const [asked] = seed(home, ['asked.txt']) as [string]
    const run = startSupervised(home, 'agent', ['--prompt', 'agent'], ['/bin/cat', asked])
    await until('the live prompt listed next to the stale sandbox', () => (landjailIn(home, ['prompts']).stdout.includes(asked) ? true : undefined))
    await answer(home, asked, 'yes')
    assert.match((await run.done).stdout, /asked\.txt-content/)
  })
})
