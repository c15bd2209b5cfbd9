// --prompt tty: ask on the terminal landjail was started from. For each prompt landjail takes the terminal's
// foreground (the asking program is stopped in its call, so nobody else reads), saves its modes, reads one key raw,
// then restores the modes and gives the foreground back: this works under a full-screen program too. A prompt that a
// profile edit or another answer settles while it is shown ends without a key.
import {closeSync, constants, openSync, writeSync} from 'node:fs'
import {pollFds, POLLIN, readFd} from '../kernel/fd-passing.js'
import {giveForeground, rawKeyModes, takeForeground, tcgetattr, tcsetattr} from '../kernel/tty.js'
import type {Answer, Scope} from './answers.js'
import type {OpenPrompt, PromptBackend, PromptBroker} from './prompt-broker.js'
import {formatPrompt} from './prompt-text.js'

const KEYS: Readonly<Record<string, Answer>> = {y: 'yes', a: 'always', n: 'no', N: 'never', '\x03': 'no', '\x1b': 'no'}

/** How often the terminal is checked for a key while a prompt is open; between checks the event loop runs. */
const KEY_POLL_MS = 20

/**
 * Read keys until an answer; undefined at the deadline or once `withdrawn()` (an edit or another answer settled the
 * request). Scope keys (f, d) change the scope and keep reading. The terminal is polled, not waited on, so that
 * profile reloads and the loop's messages are handled while a person thinks.
 */
async function readAnswer(fd: number, deadline: number | undefined, withdrawn: () => boolean, echo: (s: string) => void): Promise<{answer: Answer; scope: Scope} | undefined> {
  const pfd = Buffer.alloc(8)
  const key = Buffer.alloc(1)
  let scope: Scope = 'file'
  for (;;) {
    if (withdrawn()) return undefined
    const left = deadline === undefined ? KEY_POLL_MS : Math.min(KEY_POLL_MS, deadline - Date.now())
    if (left <= 0) return undefined
    pfd.writeInt32LE(fd, 0)
    pfd.writeInt16LE(POLLIN, 4)
    pfd.writeInt16LE(0, 6)
    const n = pollFds(pfd, 1, 0)
    if (n === 0 || n === -4) {
      await new Promise((r) => setTimeout(r, left))
      continue
    }
    if (n < 0) return undefined
    if (readFd(fd, key, 1) !== 1) return undefined
    const c = String.fromCharCode(key[0] ?? 0)
    if (c === 'f' || c === 'd') {
      scope = c === 'f' ? 'file' : 'dir'
      echo(`[${scope}] `)
      continue
    }
    const answer = KEYS[c]
    if (answer) return {answer, scope}
  }
}

export function ttyBackend(broker: PromptBroker, profile: string): PromptBackend {
  let fd = -1
  try {
    fd = openSync('/dev/tty', constants.O_RDWR | constants.O_NOCTTY)
  } catch {
    // no terminal: every prompt is denied below
  }
  const queue: OpenPrompt[] = []
  let busy = false

  let current: string | undefined
  let withdrawnCurrent = false
  /** Puts the terminal back as the open prompt found it; set while a prompt is shown. */
  let restore: (() => void) | undefined

  const ask = async (p: OpenPrompt): Promise<void> => {
    const write = (s: string): void => {
      writeSync(fd, s)
    }
    const previous = takeForeground(fd)
    const saved = tcgetattr(fd)
    let got: {answer: Answer; scope: Scope} | undefined
    current = p.id
    withdrawnCurrent = false
    restore = () => {
      restore = undefined
      tcsetattr(fd, saved)
      giveForeground(fd, previous)
    }
    try {
      tcsetattr(fd, rawKeyModes(saved))
      write(`\r\n${formatPrompt(profile, p.request).join('\r\n')} `)
      got = await readAnswer(fd, p.deadline, () => withdrawnCurrent, write)
      if (!withdrawnCurrent) write(`${got ? `${got.answer}${got.scope === 'dir' ? ' (dir)' : ''}` : 'no answer: denied'}\r\n`)
    } finally {
      current = undefined
      restore?.()
    }
    if (got) broker.answer(p.id, got.answer, got.scope, 'tty')
    else if (!withdrawnCurrent) broker.deny(p.id, 'no answer before the prompt timeout')
  }

  const drain = async (): Promise<void> => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      if (!broker.find(p.id)) continue
      try {
        await ask(p)
      } catch (err) {
        broker.deny(p.id, `cannot ask on the terminal: ${(err as Error).message}`)
      }
      await new Promise((r) => setImmediate(r)) // let settled messages from the loop arrive between prompts
    }
    busy = false
  }

  return {
    name: 'tty',
    show(p) {
      if (fd < 0) return setImmediate(() => broker.deny(p.id, 'no terminal to ask on (--prompt tty)'))
      queue.push(p)
      if (!busy) {
        busy = true
        setImmediate(() => void drain())
      }
    },
    withdraw(id) {
      if (id === current && !withdrawnCurrent) {
        // Settled by a profile edit or an answer given elsewhere: the program may go on at once, so the terminal too.
        withdrawnCurrent = true
        try {
          writeSync(fd, 'settled meanwhile\r\n')
          restore?.()
        } catch {
          // the terminal is gone
        }
      }
      const i = queue.findIndex((q) => q.id === id)
      if (i >= 0) queue.splice(i, 1)
    },
    notice(text) {
      if (fd < 0) return void process.stderr.write(`${text}\n`)
      try {
        writeSync(fd, `\r\n${text.split('\n').join('\r\n')}\r\n`)
      } catch {
        process.stderr.write(`${text}\n`)
      }
    },
    close() {
      queue.length = 0
      // landjail is stopping with a prompt on screen: the terminal gets its modes and foreground back now.
      withdrawnCurrent = true
      try {
        restore?.()
      } catch {
        // the terminal is gone
      }
      if (fd >= 0) closeSync(fd)
      fd = -1
    },
  }
}
