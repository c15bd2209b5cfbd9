// The plans: plain JSON data that the sandbox applies as it is, so `compile --json` shows exactly what runs.

/** Landlock filesystem rights, by their kernel header names (without the LANDLOCK_ACCESS_FS_ prefix). */
export const FS_RIGHTS_BY_ABI = {
  1: [
    'EXECUTE', 'WRITE_FILE', 'READ_FILE', 'READ_DIR', 'REMOVE_DIR', 'REMOVE_FILE', 'MAKE_CHAR',
    'MAKE_DIR', 'MAKE_REG', 'MAKE_SOCK', 'MAKE_FIFO', 'MAKE_BLOCK', 'MAKE_SYM',
  ],
  2: ['REFER'],
  3: ['TRUNCATE'],
  5: ['IOCTL_DEV'],
} as const

export type FsRight =
  | (typeof FS_RIGHTS_BY_ABI)[1][number]
  | (typeof FS_RIGHTS_BY_ABI)[2][number]
  | (typeof FS_RIGHTS_BY_ABI)[3][number]
  | (typeof FS_RIGHTS_BY_ABI)[5][number]

export type NetRight = 'BIND_TCP' | 'CONNECT_TCP'
export type Scope = 'ABSTRACT_UNIX_SOCKET' | 'SIGNAL'

/** Where a plan entry came from, for warnings and `compile` output. */
export interface Origin {
  readonly file: string
  readonly line: number
  readonly text: string
}

export interface LandlockPathRule {
  readonly path: string
  readonly rights: readonly FsRight[]
  readonly origin?: Origin
}

export interface LandlockNetRule {
  readonly port: number
  readonly rights: readonly NetRight[]
}

/** What the in-sandbox stage hands to Landlock. Rights lists are already cut to `abi`. */
export interface LandlockPlan {
  readonly abi: number
  readonly handledFs: readonly FsRight[]
  readonly handledNet: readonly NetRight[]
  readonly scoped: readonly Scope[]
  readonly pathRules: readonly LandlockPathRule[]
  readonly netRules: readonly LandlockNetRule[]
}

/** Whether a plan asks anything of Landlock (a plan that handles nothing needs no Landlock in the kernel). */
export function usesLandlock(plan: LandlockPlan): boolean {
  return plan.handledFs.length + plan.handledNet.length + plan.scoped.length > 0
}

/** bwrap operations, applied in order by one switch in the sandbox. */
export type MountOp =
  /** An empty, inaccessible directory or file over `path` (blacklist). `traverse` keeps x bits so bound-back paths stay reachable. */
  | {readonly kind: 'hide'; readonly path: string; readonly type: 'dir' | 'file'; readonly traverse: boolean; readonly origin?: Origin}
  /** `path` read-only (readonly inside a write tree). */
  | {readonly kind: 'readonly'; readonly path: string; readonly origin?: Origin}
  /** `path` bound back in from the host, inside a hidden or read-only tree. */
  | {readonly kind: 'bind'; readonly path: string; readonly readonly: boolean; readonly origin?: Origin}
  /** An empty private tmpfs over `path`. */
  | {readonly kind: 'tmpfs'; readonly path: string; readonly origin?: Origin}

export interface MountPlan {
  /** Own network namespace (no network). */
  readonly unshareNet: boolean
  readonly ops: readonly MountOp[]
}

/** The seccomp deny-list of the enforce floor: syscalls by name, each with the errno it answers. */
export interface SeccompPlan {
  readonly deny: readonly {readonly syscall: string; readonly errno: string}[]
  /** ioctl request names denied on any fd (TIOCSTI, TIOCLINUX). */
  readonly denyIoctls: readonly string[]
}

/** A place where the kernel cannot give exactly what the policy says. */
export interface PlanWarning {
  readonly code: string
  readonly message: string
  /** The path (and everything below it) where the kernel's answer differs from the policy's. */
  readonly path?: string
  readonly origin?: Origin
}

export interface Plans {
  readonly landlock: LandlockPlan
  readonly mounts: MountPlan
  readonly seccomp: SeccompPlan
  readonly env: {readonly unset: readonly string[]}
  readonly warnings: readonly PlanWarning[]
}
