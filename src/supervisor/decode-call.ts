// A trapped call's arguments, read from the caller: which call, which paths (with their dirfds), which flags.
import {AT_FDCWD, O_CREAT, O_TRUNC, O_WRONLY} from '../kernel/fs-at.js'
import {NOTIF_ARGS, NOTIF_NR} from '../kernel/notify.js'
import type {ProcessMemoryReader} from '../kernel/process-memory.js'
import {SYSCALLS_X86_64 as NR} from '../kernel/syscalls.js'

export type CallKind = 'open' | 'mkdir' | 'mknod' | 'unlink' | 'rename' | 'link' | 'symlink' | 'truncate' | 'exec'

/** A path argument: NUL-terminated bytes as the caller passed them, and the dirfd they are relative to. */
export interface PathArg {
  readonly dirfd: number
  readonly path: Buffer
}

export interface DecodedCall {
  readonly name: string
  readonly kind: CallKind
  /** The path the call acts on; for rename and link, the source. */
  readonly from: PathArg
  /** rename and link: the destination. */
  readonly to?: PathArg
  /** open: the open flags; unlinkat, linkat, execveat: the AT_* flags; renameat2: the RENAME_* flags. */
  readonly flags: number
  readonly mode: number
  readonly dev: number
  /** truncate: the new length. */
  readonly length: number
  /** openat2: the RESOLVE_* flags the caller asked for. */
  readonly resolve: number
  /** symlink: the link's text (not resolved: a symlink is checked where it is used). */
  readonly linkText?: Buffer
}

const arg = (notif: Buffer, i: number): number => Number(notif.readBigInt64LE(NOTIF_ARGS + 8 * i))
const dirfdArg = (notif: Buffer, i: number): number => notif.readInt32LE(NOTIF_ARGS + 8 * i)
const argOffset = (i: number): number => NOTIF_ARGS + 8 * i
const how = Buffer.alloc(24)

/** Decode the notification in `notif`; a negative errno when an argument cannot be read. */
export function decodeCall(notif: Buffer, pid: number, memory: ProcessMemoryReader): DecodedCall | number {
  const nr = notif.readInt32LE(NOTIF_NR)
  const str = (i: number): Buffer | number => memory.readCString(pid, notif, argOffset(i))
  const path = (dirfdIndex: number | undefined, pathIndex: number): PathArg | number => {
    const p = str(pathIndex)
    if (typeof p === 'number') return p
    return {dirfd: dirfdIndex === undefined ? AT_FDCWD : dirfdArg(notif, dirfdIndex), path: p}
  }
  const base = {flags: 0, mode: 0, dev: 0, length: 0, resolve: 0}
  const one = (name: string, kind: CallKind, from: PathArg | number, extra: Partial<DecodedCall> = {}): DecodedCall | number =>
    typeof from === 'number' ? from : {...base, name, kind, from, ...extra}
  const two = (name: string, kind: CallKind, from: PathArg | number, to: PathArg | number, flags: number): DecodedCall | number => {
    if (typeof from === 'number') return from
    if (typeof to === 'number') return to
    return {...base, name, kind, from, to, flags}
  }
  switch (nr) {
    case NR.open: return one('open', 'open', path(undefined, 0), {flags: arg(notif, 1), mode: arg(notif, 2)})
    case NR.openat: return one('openat', 'open', path(0, 1), {flags: arg(notif, 2), mode: arg(notif, 3)})
    case NR.creat: return one('creat', 'open', path(undefined, 0), {flags: O_CREAT | O_WRONLY | O_TRUNC, mode: arg(notif, 1)})
    case NR.openat2: {
      const size = arg(notif, 3)
      if (size < 24) return -22 // EINVAL, as the kernel answers
      const n = memory.read(pid, notif, argOffset(2), 24)
      if (n !== 24) return -14
      memory.out.copy(how, 0, 0, 24)
      return one('openat2', 'open', path(0, 1), {flags: Number(how.readBigUInt64LE(0)), mode: Number(how.readBigUInt64LE(8)), resolve: Number(how.readBigUInt64LE(16))})
    }
    case NR.mkdir: return one('mkdir', 'mkdir', path(undefined, 0), {mode: arg(notif, 1)})
    case NR.mkdirat: return one('mkdirat', 'mkdir', path(0, 1), {mode: arg(notif, 2)})
    case NR.mknod: return one('mknod', 'mknod', path(undefined, 0), {mode: arg(notif, 1), dev: arg(notif, 2)})
    case NR.mknodat: return one('mknodat', 'mknod', path(0, 1), {mode: arg(notif, 2), dev: arg(notif, 3)})
    case NR.unlink: return one('unlink', 'unlink', path(undefined, 0))
    case NR.rmdir: return one('rmdir', 'unlink', path(undefined, 0), {flags: 0x200 /* AT_REMOVEDIR */})
    case NR.unlinkat: return one('unlinkat', 'unlink', path(0, 1), {flags: arg(notif, 2)})
    case NR.rename: return two('rename', 'rename', path(undefined, 0), path(undefined, 1), 0)
    case NR.renameat: return two('renameat', 'rename', path(0, 1), path(2, 3), 0)
    case NR.renameat2: return two('renameat2', 'rename', path(0, 1), path(2, 3), arg(notif, 4))
    case NR.link: return two('link', 'link', path(undefined, 0), path(undefined, 1), 0)
    case NR.linkat: return two('linkat', 'link', path(0, 1), path(2, 3), arg(notif, 4))
    case NR.symlink: {
      const text = str(0)
      if (typeof text === 'number') return text
      return one('symlink', 'symlink', path(undefined, 1), {linkText: text})
    }
    case NR.symlinkat: {
      const text = str(0)
      if (typeof text === 'number') return text
      return one('symlinkat', 'symlink', path(1, 2), {linkText: text})
    }
    case NR.truncate: return one('truncate', 'truncate', path(undefined, 0), {length: arg(notif, 1)})
    case NR.execve: return one('execve', 'exec', path(undefined, 0))
    case NR.execveat: return one('execveat', 'exec', path(0, 1), {flags: arg(notif, 4)})
    default: return -38 // ENOSYS: not a call this filter traps
  }
}
