// The bwrap command line for a mount plan: data first, then one switch over the ops, like bubblewrap's own SetupOp list.
import type {MountOp, MountPlan} from '../policy/plan-types.js'

/** One entry of the host's `/`, bound back into the sandbox's tmpfs root. */
export interface RootEntry {
  readonly name: string
  readonly kind: 'dir' | 'file' | 'symlink' | 'other'
  /** The link text of a symlink. */
  readonly target?: string
}

export type PathKind = 'dir' | 'file' | 'missing'

/** What the launcher knows about the host and its own fds. */
export interface BwrapFacts {
  readonly rootEntries: readonly RootEntry[]
  /** What is at a host path; ops on a missing path are skipped (there is nothing to hide or bind). */
  readonly pathKind: (path: string) => PathKind
  readonly cwd: string
  /** The landjail package root (holds dist/ and node_modules/), bound read-only at SANDBOX_PACKAGE_ROOT. */
  readonly packageRoot: string
  /** The node binary, bound read-only at SANDBOX_NODE. */
  readonly nodePath: string
  /** fd on which bwrap reports the child pid and exit status (--json-status-fd). */
  readonly statusFd: number
  /** First fd number for the empty data of hidden files; one fd per hidden file, in order. */
  readonly firstDataFd: number
}

export interface BwrapArgs {
  readonly args: readonly string[]
  /** How many empty-data fds, from firstDataFd on, bwrap will read. */
  readonly dataFds: number
}

/** Where the package and node appear inside the sandbox: a neutral path no profile hides. */
export const SANDBOX_PACKAGE_ROOT = '/.landjail/pkg'
export const SANDBOX_NODE = '/.landjail/node'
export const SANDBOX_STAGE = `${SANDBOX_PACKAGE_ROOT}/dist/src/bundle/stage.js`

/** Host entries of `/` replaced by fresh ones. */
const FRESH = new Set(['proc', 'dev'])

function bindRoot(entries: readonly RootEntry[]): string[] {
  const args: string[] = []
  for (const e of entries) {
    if (FRESH.has(e.name) || e.name.startsWith('.landjail')) continue
    const p = `/${e.name}`
    if (e.kind === 'symlink' && e.target !== undefined) args.push('--symlink', e.target, p)
    else if (e.kind === 'dir' || e.kind === 'file') args.push('--bind', p, p)
  }
  return args
}

/** Build the bwrap arguments (without the command) for a mount plan. */
export function buildBwrapArgs(plan: MountPlan, facts: BwrapFacts): BwrapArgs {
  const args = ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try']
  if (plan.unshareNet) args.push('--unshare-net')
  // No --new-session: it would break job control; TIOCSTI is refused by the seccomp filter instead.
  args.push('--die-with-parent', '--clearenv', '--json-status-fd', String(facts.statusFd))
  // bwrap's new root is already an empty tmpfs; the host's top level is bound back entry by entry.
  args.push(...bindRoot(facts.rootEntries), '--proc', '/proc', '--dev', '/dev')

  let dataFds = 0
  const remountReadOnly: string[] = []
  for (const op of plan.ops) {
    const kind = facts.pathKind(op.path)
    if (kind === 'missing') continue
    args.push(...opArgs(op, kind))
  }
  function opArgs(op: MountOp, kind: Exclude<PathKind, 'missing'>): string[] {
    switch (op.kind) {
      case 'hide':
        // Invariant: hidden means every access fails with EACCES and no content shows. Mode 000 (0111 to let
        // bound-back paths be reached) works on uid 0 too, because the stage drops all capabilities.
        if (kind === 'dir') {
          remountReadOnly.push(op.path) // after the binds that reopen paths inside it
          return ['--perms', op.traverse ? '0111' : '0000', '--tmpfs', op.path]
        }
        return ['--perms', '0000', '--ro-bind-data', String(facts.firstDataFd + dataFds++), op.path]
      case 'readonly':
        return ['--ro-bind', op.path, op.path]
      case 'bind':
        return [op.readonly ? '--ro-bind' : '--bind', op.path, op.path]
      case 'tmpfs':
        return ['--tmpfs', op.path]
    }
  }
  for (const p of remountReadOnly) args.push('--remount-ro', p)

  // The stage must load even if the profile hides where landjail or node are installed.
  args.push('--ro-bind', facts.packageRoot, SANDBOX_PACKAGE_ROOT, '--ro-bind', facts.nodePath, SANDBOX_NODE)
  args.push('--remount-ro', '/', '--chdir', facts.cwd)
  return {args, dataFds}
}

/** The full bwrap argv tail that runs the stage. */
export function stageCommand(): string[] {
  return ['--', SANDBOX_NODE, SANDBOX_STAGE]
}
