// Where supervise mode keeps its files: per-sandbox state and agent sockets in the runtime dir, the log in the state dir.
import {existsSync, mkdirSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

/** ${XDG_STATE_HOME:-~/.local/state}/landjail */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'landjail')
}

/** $XDG_RUNTIME_DIR/landjail, else /run/user/UID/landjail when that exists, else <state dir>/run. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'landjail')
  const run = `/run/user/${process.getuid?.() ?? 0}`
  if (existsSync(run)) return join(run, 'landjail')
  return join(stateDir(env), 'run')
}

/** The decision log: one JSON object per line. */
export function logFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'decisions.jsonl')
}

/** Make a private directory (0700) and return it. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, {recursive: true, mode: 0o700})
  return dir
}
