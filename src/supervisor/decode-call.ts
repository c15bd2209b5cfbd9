// A trapped call's arguments, read from the caller: which call, which paths (with their dirfds), which flags.
import {AT_FDCWD, O_CREAT, O_TRUNC, O_WRONLY} from '../kernel/fs-at.js'
import {readInt64, readUint64} from '../kernel/int64.js'
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

/** An `int`, `unsigned int` or `umode_t` argument (flags, modes, dirfds, devices): the kernel reads its low 32 bits. */
const intArg = (notif: Buffer, i: number): number => notif.readInt32LE(NOTIF_ARGS + 8 * i)
/** A `long` or `size_t` argument (truncate's length, openat2's size). */
const longArg = (notif: Buffer, i: number): number => readInt64(notif, NOTIF_ARGS + 8 * i)
const argOffset = (i: number): number => NOTIF_ARGS + 8 * i
const how = Buffer.alloc(24)

/**
 * One decoded call, always built in the same shape (this runs for every trapped call: no spreads, no closures).
 * A negative errno in place of a path argument is passed through.
 */
function call(name: string, kind: CallKind, from: PathArg | number, to: PathArg | number | undefined, flags: number, mode = 0, extra?: {dev?: number; length?: number; resolve?: number; linkText?: Buffer}): DecodedCall | number {
  if (typeof from === 'number') return from
  if (typeof to === 'number') return to
  const out: DecodedCall = {name, kind, from, flags, mode, dev: extra?.dev ?? 0, length: extra?.length ?? 0, resolve: extra?.resolve ?? 0}
  if (to) (out as {to?: PathArg}).to = to
  if (extra?.linkText) (out as {linkText?: Buffer}).linkText = extra.linkText
  return out
}

/** The path argument `pathIndex`, relative to the dirfd in argument `dirfdIndex` (or the cwd); -errno if unreadable. */
function pathArg(notif: Buffer, pid: number, memory: ProcessMemoryReader, dirfdIndex: number | undefined, pathIndex: number): PathArg | number {
  const path = memory.readCString(pid, notif, argOffset(pathIndex))
  if (typeof path === 'number') return path
  return {dirfd: dirfdIndex === undefined ? AT_FDCWD : intArg(notif, dirfdIndex), path}
}

/** Decode the notification in `notif`; a negative errno when an argument cannot be read. */
export function decodeCall(notif: Buffer, pid: number, memory: ProcessMemoryReader): DecodedCall | number {
  const nr = notif.readInt32LE(NOTIF_NR)
  const p = (dirfdIndex: number | undefined, pathIndex: number): PathArg | number => pathArg(notif, pid, memory, dirfdIndex, pathIndex)
  switch (nr) {
    case NR.openat: return call('openat', 'open', p(0, 1), undefined, intArg(notif, 2), intArg(notif, 3))
    case NR.open: return call('open', 'open', p(undefined, 0), undefined, intArg(notif, 1), intArg(notif, 2))
    case NR.creat: return call('creat', 'open', p(undefined, 0), undefined, O_CREAT | O_WRONLY | O_TRUNC, intArg(notif, 1))
    case NR.openat2: {
      const size = longArg(notif, 3)
      if (size < 24) return -22 // EINVAL, as the kernel answers
      const n = memory.read(pid, notif, argOffset(2), 24)
      if (n !== 24) return -14
      memory.out.copy(how, 0, 0, 24)
      return call('openat2', 'open', p(0, 1), undefined, readUint64(how, 0), readUint64(how, 8), {resolve: readUint64(how, 16)})
    }
    case NR.mkdir: return call('mkdir', 'mkdir', p(undefined, 0), undefined, 0, intArg(notif, 1))
    case NR.mkdirat: return call('mkdirat', 'mkdir', p(0, 1), undefined, 0, intArg(notif, 2))
    case NR.mknod: return call('mknod', 'mknod', p(undefined, 0), undefined, 0, intArg(notif, 1), {dev: intArg(notif, 2)})
    case NR.mknodat: return call('mknodat', 'mknod', p(0, 1), undefined, 0, intArg(notif, 2), {dev: intArg(notif, 3)})
    case NR.unlink: return call('unlink', 'unlink', p(undefined, 0), undefined, 0)
    case NR.rmdir: return call('rmdir', 'unlink', p(undefined, 0), undefined, 0x200 /* AT_REMOVEDIR */)
    case NR.unlinkat: return call('unlinkat', 'unlink', p(0, 1), undefined, intArg(notif, 2))
    case NR.rename: return call('rename', 'rename', p(undefined, 0), p(undefined, 1), 0)
    case NR.renameat: return call('renameat', 'rename', p(0, 1), p(2, 3), 0)
    case NR.renameat2: return call('renameat2', 'rename', p(0, 1), p(2, 3), intArg(notif, 4))
    case NR.link: return call('link', 'link', p(undefined, 0), p(undefined, 1), 0)
    case NR.linkat: return call('linkat', 'link', p(0, 1), p(2, 3), intArg(notif, 4))
    case NR.symlink:
    case NR.symlinkat: {
      const text = memory.readCString(pid, notif, argOffset(0))
      if (typeof text === 'number') return text
      const from = nr === NR.symlink ? p(undefined, 1) : p(1, 2)
      return call(nr === NR.symlink ? 'symlink' : 'symlinkat', 'symlink', from, undefined, 0, 0, {linkText: text})
    }
    case NR.truncate: return call('truncate', 'truncate', p(undefined, 0), undefined, 0, 0, {length: longArg(notif, 1)})
    case NR.execve: return call('execve', 'exec', p(undefined, 0), undefined, 0)
    case NR.execveat: return call('execveat', 'exec', p(0, 1), undefined, intArg(notif, 4))
    default: return -38 // ENOSYS: not a call this filter traps
  }
}
