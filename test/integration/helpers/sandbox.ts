// Run a program in a real sandbox through a separate landjail process, and build test plans.
import {spawn, type ChildProcess} from 'node:child_process'
import {chmodSync, mkdtempSync, realpathSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {FsRight, LandlockPathRule, MountOp, Plans, Scope} from '../../../src/policy/plan-types.js'
import {runSandbox} from '../../../src/sandbox/launch.js'
import {buildProbe} from '../../fixtures/build.js'

export const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'launcher.js')

export const ALL_FS: readonly FsRight[] = [
  'EXECUTE', 'WRITE_FILE', 'READ_FILE', 'READ_DIR', 'REMOVE_DIR', 'REMOVE_FILE', 'MAKE_CHAR', 'MAKE_DIR', 'MAKE_REG',
  'MAKE_SOCK', 'MAKE_FIFO', 'MAKE_BLOCK', 'MAKE_SYM', 'REFER', 'TRUNCATE', 'IOCTL_DEV',
]
export const READ_EXEC: readonly FsRight[] = ['EXECUTE', 'READ_FILE', 'READ_DIR']
export const READ: readonly FsRight[] = ['READ_FILE', 'READ_DIR']

/** The enforce floor's deny-list, as the policy lowers it. */
export const DENY_LIST: Plans['seccomp'] = {
  deny: [
    ...['io_uring_setup', 'io_uring_enter', 'io_uring_register', 'mount', 'umount2', 'mount_setattr', 'move_mount', 'open_tree',
      'fsopen', 'fsconfig', 'fsmount', 'fspick', 'pivot_root', 'kexec_load', 'kexec_file_load', 'init_module', 'finit_module',
      'delete_module', 'bpf', 'perf_event_open', 'userfaultfd', 'add_key', 'request_key', 'keyctl', 'open_by_handle_at',
      'name_to_handle_at'].map((syscall) => ({syscall, errno: 'EPERM'})),
    {syscall: 'clone3', errno: 'ENOSYS'},
  ],
  denyIoctls: ['TIOCSTI', 'TIOCLINUX'],
}

export interface PlanOptions {
  /** Extra path rules (the system dirs are read+exec already). */
  readonly rules?: readonly LandlockPathRule[]
  readonly ops?: readonly MountOp[]
  readonly scoped?: readonly Scope[]
  readonly seccomp?: Plans['seccomp']
  readonly unset?: readonly string[]
}

/** A plan like a profile would give: system dirs read+exec, the probe's dir read+exec, plus `rules`. */
export function makePlans(options: PlanOptions = {}): Plans {
  const probeDir = dirname(buildProbe())
  const system = ['/usr', '/lib', '/lib64', '/bin', '/etc', probeDir].map((path) => ({path, rights: READ_EXEC}))
  return {
    landlock: {
      abi: 7,
      handledFs: ALL_FS,
      handledNet: [],
      scoped: options.scoped ?? ['ABSTRACT_UNIX_SOCKET', 'SIGNAL'],
      pathRules: [...system, {path: '/dev/null', rights: ['READ_FILE', 'WRITE_FILE']}, ...(options.rules ?? [])],
      netRules: [],
    },
    mounts: {unshareNet: false, ops: options.ops ?? []},
    seccomp: options.seccomp ?? DENY_LIST,
    env: {unset: options.unset ?? []},
    warnings: [],
  }
}

export interface Result {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunRequest {
  readonly plans: Plans
  readonly argv: readonly string[]
  readonly cwd?: string
  readonly env?: Record<string, string>
}

/** Start a landjail process for `request`; stdin is /dev/null, stdout and stderr are collected. */
export function startSandbox(request: RunRequest): {child: ChildProcess; done: Promise<Result>} {
  const child = spawn(process.execPath, [LAUNCHER, JSON.stringify(request)], {stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<Result>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({code, signal, stdout, stderr}))
  })
  return {child, done}
}

/** Run `request` to the end. */
export function runInSandbox(request: RunRequest): Promise<Result> {
  return startSandbox(request).done
}

/**
 * Run the probe with `args` in a sandbox with `plans`; resolves to the exit status (the errno, 0 = allowed).
 * The test process is landjail here (the probe prints nothing); the kernel state still lands only in the sandbox.
 */
export async function probe(plans: Plans, ...args: string[]): Promise<number> {
  const code = await runSandbox({plans, argv: [buildProbe(), ...args], env: {PATH: '/usr/bin:/bin'}})
  if (code >= 125 && code <= 127) throw new Error(`sandbox setup failed with ${code}`)
  return code
}

/** A fresh temp dir (real path, mode 0755) removed by the returned cleanup. */
export function tempDir(): {path: string; cleanup: () => void} {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'landjail-test-')))
  chmodSync(path, 0o755)
  return {path, cleanup: () => rmSync(path, {recursive: true, force: true})}
}
