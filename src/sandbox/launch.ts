// Launch a program in a sandbox: bwrap builds the namespaces and mounts, the stage inside applies the kernel plans.
import {spawn, type ChildProcess} from 'node:child_process'
import {closeSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync} from 'node:fs'
import {constants} from 'node:os'
import {dirname, resolve} from 'node:path'
import type {Readable, Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {usesLandlock, type Plans} from '../policy/plan-types.js'
import {buildBwrapArgs, stageCommand, type PathKind, type RootEntry} from './bwrap-args.js'
import {findBwrap, userNamespaceError} from './host-checks.js'
import {STAGE_INPUT_FD, type StageInput} from './stage-protocol.js'

export {LaunchError} from './launch-error.js'

export interface RunOptions {
  readonly plans: Plans
  /** The program and its arguments; argv[0] is searched in env.PATH inside the sandbox. */
  readonly argv: readonly string[]
  /** Working directory inside the sandbox (default: process.cwd()). */
  readonly cwd?: string
  /** The program's environment (default: process.env), before plans.env.unset. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The profile's name; not used by the launch itself yet (kept for messages and a future `landjail ps`). */
  readonly profileName?: string
  /** The bwrap binary (default: $LANDJAIL_BWRAP or `bwrap` on PATH). */
  readonly bwrapPath?: string
  /**
   * Supervise mode: one end of a unix socket pair, passed into the sandbox; the stage sends its seccomp listener on it.
   * runSandbox closes this fd in the launcher once the sandbox has its copy.
   */
  readonly supervise?: {readonly socketFd: number}
  /** Called with bwrap's pid once it is started (a supervisor that fails kills the sandbox with it). */
  readonly onSpawn?: (bwrapPid: number) => void
  /**
   * The kernel is known to run Landlock at the plan's ABI (seen earlier in this boot): the launch does not check it
   * again, which would load koffi. The stage still refuses a plan whose ABI is not the kernel's.
   */
  readonly landlockKnown?: boolean
}

/** Signals passed on to the program. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'] as const
/** Signals a terminal sends to its whole foreground process group, which the program is part of. */
const FROM_TERMINAL = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGWINCH'])
/** bwrap itself must survive these (the program decides); the stage resets them before exec. */
const IGNORED_BY_BWRAP = 'HUP INT QUIT TERM USR1 USR2'

const STATUS_FD = STAGE_INPUT_FD + 1
const FIRST_DATA_FD = STATUS_FD + 1

/** The landjail package root: dist/src/sandbox/launch.js is three levels below it. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
}

function rootEntries(): RootEntry[] {
  return readdirSync('/', {withFileTypes: true}).map((e): RootEntry => {
    if (e.isSymbolicLink()) return {name: e.name, kind: 'symlink', target: readlinkSync(`/${e.name}`)}
    return {name: e.name, kind: e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other'}
  })
}

function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file'
  } catch {
    try {
      lstatSync(path)
      return 'file' // a dangling symlink: bwrap mounts over what it points to, which it cannot; let bwrap say so
    } catch {
      return 'missing'
    }
  }
}

function cleanEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}

/** The host pid of the program: the child of bwrap's pid 1 in the sandbox. */
function programPid(sandboxInitPid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${sandboxInitPid}/task/${sandboxInitPid}/children`, 'utf8').trim().split(/\s+/)
    const pid = Number(children[0])
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** Reads bwrap's --json-status-fd lines: {"child-pid": N} first, {"exit-code": N} last. */
function watchStatus(stream: Readable): {childPid: () => number | undefined} {
  let childPid: number | undefined
  let buffered = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffered += chunk
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl)
      buffered = buffered.slice(nl + 1)
      try {
        const status = JSON.parse(line) as {'child-pid'?: number}
        if (typeof status['child-pid'] === 'number') childPid = status['child-pid']
      } catch {
        // not ours to judge; bwrap writes one JSON object per line
      }
    }
  })
  stream.on('error', () => undefined)
  return {childPid: () => childPid}
}

/** Pass signals sent to landjail on to the program; terminal-generated ones already reached it. */
function forwardSignals(childPid: () => number | undefined): () => void {
  const handlers = FORWARDED.map((signal) => {
    const deliver = (attempt: number): void => {
      const init = childPid()
      const pid = init === undefined ? undefined : programPid(init)
      if (pid !== undefined) {
        try {
          process.kill(pid, signal)
        } catch {
          // gone already
        }
      } else if (attempt < 50) {
        setTimeout(() => deliver(attempt + 1), 10) // the sandbox is still starting
      }
    }
    const handler = (): void => {
      if (!FROM_TERMINAL.has(signal)) return deliver(0)
      // Loaded at the first such signal: the terminal check needs koffi, which a launch otherwise does without.
      import('../kernel/terminal.js').then(({inForegroundOfTerminal}) => {
        if (!inForegroundOfTerminal()) deliver(0) // in the foreground, the kernel delivered it to the program too
      }, () => deliver(0)) // no terminal check: rather twice than never
    }
    process.on(signal, handler)
    return () => process.off(signal, handler)
  })
  return () => handlers.forEach((off) => off())
}

function waitForClose(child: ChildProcess): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
  return new Promise((resolveClose, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolveClose({code, signal}))
  })
}

/**
 * Run `argv` in a sandbox built from `plans`; resolves to the program's exit code (128+N when killed by signal N).
 * Throws LaunchError when the host cannot run a sandbox (no bwrap, no user namespaces, no Landlock).
 */
export async function runSandbox(options: RunOptions): Promise<number> {
  const bwrap = options.bwrapPath ?? findBwrap()
  if (!options.landlockKnown && usesLandlock(options.plans.landlock)) {
    const {checkLandlock} = await import('./landlock-check.js')
    checkLandlock()
  }
  const cwd = options.cwd ?? process.cwd()
  const {args, dataFds} = buildBwrapArgs(options.plans.mounts, {
    rootEntries: rootEntries(),
    pathKind,
    cwd,
    packageRoot: packageRoot(),
    nodePath: process.execPath,
    statusFd: STATUS_FD,
    firstDataFd: FIRST_DATA_FD,
  })
  const superviseFd = FIRST_DATA_FD + dataFds
  const input: StageInput = {
    plans: options.plans, argv: options.argv, env: cleanEnv(options.env ?? process.env),
    ...(options.supervise ? {supervise: {socketFd: superviseFd}} : {}),
  }
  const extraFds = options.supervise ? [options.supervise.socketFd] : []

  // sh makes bwrap ignore the forwarded signals (an ignored signal survives exec; libuv resets the rest).
  const child = spawn('/bin/sh', ['-c', `trap '' ${IGNORED_BY_BWRAP}; exec "$0" "$@"`, bwrap, ...args, ...stageCommand()], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'pipe', ...Array<'pipe'>(dataFds).fill('pipe'), ...extraFds],
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin'},
  })
  if (options.supervise) closeSync(options.supervise.socketFd) // the sandbox holds its copy; EOF on ours means it is gone
  if (child.pid !== undefined) options.onSpawn?.(child.pid)
  const closed = waitForClose(child)
  const stageInput = child.stdio[STAGE_INPUT_FD] as Writable
  stageInput.on('error', () => undefined) // the stage may be gone before reading (bwrap failed)
  stageInput.end(JSON.stringify(input))
  for (let i = 0; i < dataFds; i++) (child.stdio[FIRST_DATA_FD + i] as Writable).end()
  const status = watchStatus(child.stdio[STATUS_FD] as Readable)
  const stopForwarding = forwardSignals(status.childPid)
  try {
    const {code, signal} = await closed
    if (status.childPid() === undefined && code !== 0) throw userNamespaceError()
    if (signal !== null) return 128 + (constants.signals[signal] ?? 0)
    return code ?? 1
  } finally {
    stopForwarding()
  }
}
