// A real terminal for end-to-end tests: a private tmux server, keys in, the screen out.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'

export class Terminal {
  private readonly server: string

  constructor(name: string) {
    this.server = `landjail-${name}-${process.pid}`
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.server, ...args], {encoding: 'utf8'})
  }

  /** A detached session `session` running the shell command `cmd` in a width x height terminal. */
  start(session: string, cmd: string, width = 150, height = 40): void {
    this.tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), cmd)
  }

  keys(session: string, ...keys: string[]): void {
    this.tmux('send-keys', '-t', session, ...keys)
  }

  screen(session: string): string {
    return this.tmux('capture-pane', '-p', '-t', session)
  }

  /** Poll the screen until it matches, or fail with what it shows at the deadline. */
  async waitFor(session: string, pattern: RegExp, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms
    let screen = ''
    while (Date.now() < deadline) {
      screen = this.screen(session)
      if (pattern.test(screen)) return screen
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.fail(`screen never matched ${pattern}:\n${screen}`)
  }

  kill(): void {
    try {
      this.tmux('kill-server')
    } catch {
      // already gone
    }
  }
}
