// Landlock: ABI probe, ruleset creation, path-beneath and net-port rules, restrict_self (include/uapi/linux/landlock.h).
import {checked, KernelError} from './errno.js'
import {libc, lastErrno} from './libc.js'
import {O_CLOEXEC, O_PATH} from './fd.js'
import {SYSCALLS_X86_64} from './syscalls.js'

export const LANDLOCK_CREATE_RULESET_VERSION = 1 << 0
export const LANDLOCK_CREATE_RULESET_ERRATA = 1 << 1

export const LANDLOCK_RULE_PATH_BENEATH = 1
export const LANDLOCK_RULE_NET_PORT = 2

export const LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF = 1 << 0
export const LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON = 1 << 1
export const LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF = 1 << 2

export const LANDLOCK_ACCESS_FS = {
  EXECUTE: 1n << 0n,
  WRITE_FILE: 1n << 1n,
  READ_FILE: 1n << 2n,
  READ_DIR: 1n << 3n,
  REMOVE_DIR: 1n << 4n,
  REMOVE_FILE: 1n << 5n,
  MAKE_CHAR: 1n << 6n,
  MAKE_DIR: 1n << 7n,
  MAKE_REG: 1n << 8n,
  MAKE_SOCK: 1n << 9n,
  MAKE_FIFO: 1n << 10n,
  MAKE_BLOCK: 1n << 11n,
  MAKE_SYM: 1n << 12n,
  REFER: 1n << 13n,
  TRUNCATE: 1n << 14n,
  IOCTL_DEV: 1n << 15n,
} as const

/** Rights that make sense on a rule for a non-directory; the kernel refuses the others there (EINVAL). */
export const LANDLOCK_ACCESS_FS_FILE =
  LANDLOCK_ACCESS_FS.EXECUTE | LANDLOCK_ACCESS_FS.WRITE_FILE | LANDLOCK_ACCESS_FS.READ_FILE |
  LANDLOCK_ACCESS_FS.TRUNCATE | LANDLOCK_ACCESS_FS.IOCTL_DEV

export const LANDLOCK_ACCESS_NET = {
  BIND_TCP: 1n << 0n,
  CONNECT_TCP: 1n << 1n,
} as const

export const LANDLOCK_SCOPE = {
  ABSTRACT_UNIX_SOCKET: 1n << 0n,
  SIGNAL: 1n << 1n,
} as const

const HINTS = {
  ENOSYS: 'the kernel is built without Landlock (CONFIG_SECURITY_LANDLOCK)',
  EOPNOTSUPP: 'Landlock is built in but not enabled: add "landlock" to the lsm= boot parameter',
}

/** OR together rights by their header names (without prefix); throws on a name the table does not know. */
export function maskOf<K extends string>(table: Readonly<Record<K, bigint>>, names: readonly string[], what: string): bigint {
  let mask = 0n
  for (const name of names) {
    const bit = (table as Record<string, bigint | undefined>)[name]
    if (bit === undefined) throw new Error(`unknown Landlock ${what} "${name}"`)
    mask |= bit
  }
  return mask
}

/** The Landlock ABI version the running kernel offers; throws a KernelError (ENOSYS, EOPNOTSUPP) when there is none. */
export function landlockAbiVersion(): number {
  const r = libc().syscall(SYSCALLS_X86_64.landlock_create_ruleset, 'void *', null, 'size_t', 0, 'uint32_t', LANDLOCK_CREATE_RULESET_VERSION)
  return checked('landlock_create_ruleset', r, {hints: HINTS})
}

export interface RulesetAttr {
  readonly handledAccessFs: bigint
  readonly handledAccessNet: bigint
  readonly scoped: bigint
}

/** landlock_create_ruleset with struct landlock_ruleset_attr (24 bytes; older kernels accept it when the tail is zero). */
export function landlockCreateRuleset(attr: RulesetAttr): number {
  const buf = Buffer.alloc(24)
  buf.writeBigUInt64LE(attr.handledAccessFs, 0)
  buf.writeBigUInt64LE(attr.handledAccessNet, 8)
  buf.writeBigUInt64LE(attr.scoped, 16)
  const r = libc().syscall(SYSCALLS_X86_64.landlock_create_ruleset, 'void *', buf, 'size_t', buf.length, 'uint32_t', 0)
  return checked('landlock_create_ruleset', r, {hints: {...HINTS, EINVAL: 'a handled right or scope is unknown to this kernel'}})
}

/** Open `path` with O_PATH for a path-beneath rule; returns undefined when the path does not exist. */
export function openPathForRule(path: string): number | undefined {
  const fd = Number(libc().open(path, O_PATH | O_CLOEXEC, 'int', 0))
  if (fd >= 0) return fd
  const errno = lastErrno()
  if (errno === 2 /* ENOENT */ || errno === 20 /* ENOTDIR */) return undefined
  throw new KernelError('open', errno, path, undefined)
}

/** landlock_add_rule(LANDLOCK_RULE_PATH_BENEATH): struct landlock_path_beneath_attr is packed, 12 bytes. */
export function landlockAddPathBeneath(rulesetFd: number, parentFd: number, allowedAccess: bigint, path?: string): void {
  const buf = Buffer.alloc(12)
  buf.writeBigUInt64LE(allowedAccess, 0)
  buf.writeInt32LE(parentFd, 8)
  const r = libc().syscall(SYSCALLS_X86_64.landlock_add_rule, 'int', rulesetFd, 'int', LANDLOCK_RULE_PATH_BENEATH, 'void *', buf, 'uint32_t', 0)
  checked('landlock_add_rule', r, {path, hints: {EINVAL: 'rights not handled by the ruleset, or directory rights on a file'}})
}

/** landlock_add_rule(LANDLOCK_RULE_NET_PORT): struct landlock_net_port_attr, 16 bytes. */
export function landlockAddNetPort(rulesetFd: number, port: number, allowedAccess: bigint): void {
  const buf = Buffer.alloc(16)
  buf.writeBigUInt64LE(allowedAccess, 0)
  buf.writeBigUInt64LE(BigInt(port), 8)
  const r = libc().syscall(SYSCALLS_X86_64.landlock_add_rule, 'int', rulesetFd, 'int', LANDLOCK_RULE_NET_PORT, 'void *', buf, 'uint32_t', 0)
  checked('landlock_add_rule', r, {path: `port ${port}`})
}

/** landlock_restrict_self: needs no_new_privs (or CAP_SYS_ADMIN); applies to the calling thread and what it execs. */
export function landlockRestrictSelf(rulesetFd: number, flags = 0): void {
  const r = libc().syscall(SYSCALLS_X86_64.landlock_restrict_self, 'int', rulesetFd, 'uint32_t', flags)
  checked('landlock_restrict_self', r, {hints: {EPERM: 'no_new_privs must be set first'}})
}
