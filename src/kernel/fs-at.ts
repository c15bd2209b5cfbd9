// *at(2) file-system calls on Buffers (paths NUL-terminated), as the supervisor carries out a call for the sandbox.
// Each returns the result or -errno, so that the errno can be handed back to the sandboxed caller unchanged.
import {writeInt64} from './int64.js'
import {negErrno, raw} from './raw-syscall.js'
import {SYSCALLS_X86_64 as NR} from './syscalls.js'

export const AT_FDCWD = -100
export const AT_SYMLINK_NOFOLLOW = 0x100
export const AT_REMOVEDIR = 0x200
export const AT_SYMLINK_FOLLOW = 0x400
export const AT_EMPTY_PATH = 0x1000

export const O_ACCMODE = 0o3
export const O_RDONLY = 0
export const O_WRONLY = 0o1
export const O_RDWR = 0o2
export const O_CREAT = 0o100
export const O_EXCL = 0o200
export const O_NOCTTY = 0o400
export const O_TRUNC = 0o1000
export const O_APPEND = 0o2000
export const O_DIRECTORY = 0o200000
export const O_NOFOLLOW = 0o400000
export const O_CLOEXEC = 0o2000000
export const O_PATH = 0o10000000
export const __O_TMPFILE = 0o20000000

export const RESOLVE_NO_XDEV = 0x01
export const RESOLVE_NO_MAGICLINKS = 0x02
export const RESOLVE_NO_SYMLINKS = 0x04
export const RESOLVE_BENEATH = 0x08
export const RESOLVE_IN_ROOT = 0x10

/** A C string of a JS string. */
export function cString(s: string): Buffer {
  return Buffer.from(`${s}\0`)
}

const how = Buffer.alloc(24) // struct open_how {u64 flags; u64 mode; u64 resolve}

/** openat2(2) with struct open_how. */
export function openat2(dirfd: number, path: Buffer, flags: number, mode: number, resolve: number): number {
  writeInt64(how, 0, flags)
  writeInt64(how, 8, mode)
  writeInt64(how, 16, resolve)
  return negErrno(raw().sLPPL(NR.openat2, dirfd, path, how, 24))
}

/** openat(2). */
export function openat(dirfd: number, path: Buffer, flags: number, mode: number): number {
  return negErrno(raw().sLPLL(NR.openat, dirfd, path, flags, mode))
}

/** readlinkat(2) into `out`; the length, or -errno. */
export function readlinkat(dirfd: number, path: Buffer, out: Buffer): number {
  return negErrno(raw().sLPPL(NR.readlinkat, dirfd, path, out, out.length))
}

export function mkdirat(dirfd: number, path: Buffer, mode: number): number {
  return negErrno(raw().sLPLL(NR.mkdirat, dirfd, path, mode, 0))
}

export function mknodat(dirfd: number, path: Buffer, mode: number, dev: number): number {
  return negErrno(raw().sLPLL(NR.mknodat, dirfd, path, mode, dev))
}

export function unlinkat(dirfd: number, path: Buffer, flags: number): number {
  return negErrno(raw().sLPLL(NR.unlinkat, dirfd, path, flags, 0))
}

export function renameat2(olddirfd: number, oldpath: Buffer, newdirfd: number, newpath: Buffer, flags: number): number {
  return negErrno(raw().sLPLPL(NR.renameat2, olddirfd, oldpath, newdirfd, newpath, flags))
}

export function linkat(olddirfd: number, oldpath: Buffer, newdirfd: number, newpath: Buffer, flags: number): number {
  return negErrno(raw().sLPLPL(NR.linkat, olddirfd, oldpath, newdirfd, newpath, flags))
}

export function symlinkat(target: Buffer, newdirfd: number, linkpath: Buffer): number {
  return negErrno(raw().sPLP(NR.symlinkat, target, newdirfd, linkpath))
}

export function ftruncate(fd: number, length: number): number {
  return negErrno(raw().s2(NR.ftruncate, fd, length))
}

/** close(2), ignoring errors (the fd is ours and gone either way). */
export function closeQuietly(fd: number): void {
  raw().s1(NR.close, fd)
}

/** umask(2) of the calling thread's fs context; returns the previous mask. */
export function umask(mask: number): number {
  return raw().s1(NR.umask, mask)
}

export const CLONE_FS = 0x00000200

/** unshare(2). */
export function unshare(flags: number): number {
  return negErrno(raw().s1(NR.unshare, flags))
}
