// --prompt tty: ask on the terminal landjail was started from. For each prompt landjail takes the terminal's
// foreground (the asking program is stopped in its call, so nobody else reads), saves its modes, reads one key raw,
// then restores the modes and gives the foreground back: this works under a full-screen program too.
import {closeSync, constants, openSync, writeSync} from 'node:fs'
import {pollFds, POLLIN, readFd} from '../kernel/fd-passing.js'
import {giveForeground, rawKeyModes, takeForeground, tcgetattr, tcsetattr} from '../kernel/tty.js'
import type {Answer, Scope} from './answers.js'
import type {OpenPrompt, PromptBackend, PromptBroker} from './prompt-broker.js'
import {formatPrompt} from './prompt-text.js'

const KEYS: Readonly<Record<string, Answer>> = {y: 'yes', a: 'always', n: 'no', N: 'never', '\x03': 'no', '\x1b': 'no'}

/** Read keys until an answer; undefined at the deadline. Scope keys (f, d) change the scope and keep reading. */
function readAnswer(fd: number, deadline: number | undefined, echo: (s: string) => void): {answer: Answer; scope: Scope} | undefined {
  const pfd = Buffer.alloc(8)
  const key = Buffer.alloc(1)
  let scope: Scope = 'file'
  for (;;) {
    const left = deadline === undefined ? -1 : Math.max(0, deadline - Date.now())
    pfd.writeInt32LE(fd, 0)
    pfd.writeInt16LE(POLLIN, 4)
    pfd.writeInt16LE(0, 6)
    const n = pollFds(pfd, 1, left)
    if (n === -4) continue
    if (n <= 0) return undefined
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

  const ask = (p: OpenPrompt): void => {
    const write = (s: string): void => {
      writeSync(fd, s)
    }
    const previous = takeForeground(fd)
    const saved = tcgetattr(fd)
    let got: {answer: Answer; scope: Scope} | undefined
    try {
      tcsetattr(fd, rawKeyModes(saved))
      write(`\r\n${formatPrompt(profile, p.request).join('\r\n')} `)
      got = readAnswer(fd, p.deadline, write)
      write(`${got ? `${got.answer}${got.scope === 'dir' ? ' (dir)' : ''}` : 'no answer: denied'}\r\n`)
    } finally {
      tcsetattr(fd, saved)
      giveForeground(fd, previous)
    }
    if (got) broker.answer(p.id, got.answer, got.scope, 'tty')
    else broker.deny(p.id, 'no answer before the prompt timeout')
  }

  const drain = (): void => {
    const p = queue.shift()
    if (!p) {
      busy = false
      return
    }
    if (broker.find(p.id)) {
      try {
        ask(p)
      } catch (err) {
        broker.deny(p.id, `cannot ask on the terminal: ${(err as Error).message}`)
      }
    }
    setImmediate(drain) // let settled messages from the loop arrive between prompts
  }

  return {
    name: 'tty',
    show(p) {
      if (fd < 0) return setImmediate(() => broker.deny(p.id, 'no terminal to ask on (--prompt tty)'))
      queue.push(p)
      if (!busy) {
        busy = true
        setImmediate(drain)
      }
    },
    withdraw(id) {
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
      if (fd >= 0) closeSync(fd)
      fd = -1
    },
  }
}
