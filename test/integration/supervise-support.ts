// Shared by the supervise-mode tests: a scratch home with a profile, a landjail process in supervise mode, and the
// agent client (`landjail prompts`) driven as a person would from another terminal.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {LANDJAIL} from '../support/cli.js'
import {buildProbe, scratchDir} from '../support/sandbox-fixture.js'

export interface Home {
  readonly dir: string
  readonly env: Record<string, string>
  /** The race/load fixture, compiled into the home (outside /tmp). */
  readonly raceOpen: string
}

/** A scratch home with profile `name` made of `yaml` lines; the fixture dir is executable in it. */
export function makeHome(prefix: string, name: string, yaml: (dir: string) => string[]): Home {
  const dir = scratchDir(prefix)
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  const raceOpen = buildProbe(bin, 'race-open')
  mkdirSync(join(dir, 'profiles'))
  writeFileSync(join(dir, 'profiles', `${name}.yaml`), yaml(dir).join('\n') + '\n')
  const env = {
    HOME: dir, LANDJAIL_PROFILE_PATH: join(dir, 'profiles'), XDG_STATE_HOME: join(dir, 'state'), XDG_RUNTIME_DIR: join(dir, 'run'),
    PATH: '/usr/bin:/bin',
  }
  return {dir, env, raceOpen}
}

export interface Running {
  readonly child: ChildProcess
  readonly done: Promise<{code: number | null; stdout: string; stderr: string}>
}

/** `landjail run NAME --mode supervise ARGS -- CMD...` with stdin closed. */
export function startSupervised(home: Home, name: string, args: readonly string[], command: readonly string[]): Running {
  const child = spawn(process.execPath, [LANDJAIL, 'run', name, '--mode', 'supervise', '--quiet', ...args, '--', ...command], {
    cwd: home.dir, env: {...process.env, ...home.env}, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<{code: number | null; stdout: string; stderr: string}>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({code, stdout, stderr}))
  })
  return {child, done}
}

/** `landjail ARGS` in the home's environment, synchronously. */
export function landjailIn(home: Home, args: readonly string[]): {status: number | null; stdout: string; stderr: string} {
  const r = spawnSync(process.execPath, [LANDJAIL, ...args], {cwd: home.dir, env: {...process.env, ...home.env}, encoding: 'utf8'})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}

export interface PendingPrompt {
  readonly id: string
  readonly access: string
  readonly path: string
  readonly comm: string
  readonly pid: number
}

export function pendingPrompts(home: Home): PendingPrompt[] {
  const r = landjailIn(home, ['prompts', '--json'])
  if (r.status !== 0) throw new Error(`landjail prompts failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as PendingPrompt[]
}

/** The state file of the one running sandbox (pending counts), if any. */
export function sandboxState(home: Home): {pendingPrompts: number; pendingCalls: number} | undefined {
  const dir = join(home.env.XDG_RUNTIME_DIR ?? '', 'landjail')
  try {
    const name = readdirSync(dir).find((n) => n.endsWith('.json'))
    return name ? JSON.parse(readFileSync(join(dir, name), 'utf8')) as {pendingPrompts: number; pendingCalls: number} : undefined
  } catch {
    return undefined
  }
}

/** Poll until `check` gives a value, or throw with `what` at the deadline. */
export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Wait for the prompt for `path` and answer it through `landjail prompts answer`. */
export async function answer(home: Home, path: string, reply: string): Promise<PendingPrompt> {
  const prompt = await until(`a prompt for ${path}`, () => pendingPrompts(home).find((p) => p.path === path))
  const r = landjailIn(home, ['prompts', 'answer', prompt.id, reply])
  if (r.status !== 0) throw new Error(`answer failed: ${r.stderr}`)
  return prompt
}
