// One small JSON file per running supervised sandbox, for `landjail ps` and `landjail prompts`; removed at exit.
import {readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {ensurePrivateDir, runtimeDir} from './runtime-paths.js'

export interface SandboxState {
  readonly id: string
  readonly pid: number
  readonly profile: string
  readonly mode: 'supervise'
  readonly prompt: string
  readonly started: string
  readonly pendingPrompts: number
  readonly pendingCalls: number
  /** The agent socket, when the prompt backend is `agent`. */
  readonly socket?: string
}

export function stateFile(id: string, dir = runtimeDir()): string {
  return join(dir, `${id}.json`)
}

/** Write atomically (temp file + rename) so a reader never sees half a file. */
export function writeState(state: SandboxState, dir = runtimeDir()): void {
  ensurePrivateDir(dir)
  const file = stateFile(state.id, dir)
  writeFileSync(`${file}.tmp`, JSON.stringify(state) + '\n', {mode: 0o600})
  renameSync(`${file}.tmp`, file)
}

export function removeState(id: string, dir = runtimeDir()): void {
  rmSync(stateFile(id, dir), {force: true})
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Running supervised sandboxes; files of landjail processes that died without cleaning up are removed. */
export function listSandboxes(dir = runtimeDir()): SandboxState[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'))
  } catch {
    return []
  }
  const out: SandboxState[] = []
  for (const name of names) {
    try {
      const state = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SandboxState
      if (alive(state.pid)) out.push(state)
      else {
        rmSync(join(dir, name), {force: true})
        if (state.socket) rmSync(state.socket, {force: true})
      }
    } catch {
      // being written or not ours
    }
  }
  return out.sort((a, b) => a.started.localeCompare(b.started))
}
