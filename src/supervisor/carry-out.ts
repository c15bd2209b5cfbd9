// Perform an allowed-beyond-the-floor call for the sandbox, on the objects the decision was made on.
// Opens reopen the checked O_PATH fd (or create the checked name in the checked parent, never following a symlink);
// the rest use the *at calls on the checked parent fds. The supervisor thread runs with umask 0 and applies the caller's.
import {readFileSync} from 'node:fs'
import {
  AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, closeQuietly, cString, ftruncate, linkat, mkdirat, mknodat, O_CLOEXEC, O_CREAT,
  O_EXCL, O_NOFOLLOW, O_WRONLY, openat, renameat2, symlinkat, unlinkat,
} from '../kernel/fs-at.js'
import type {DecodedCall} from './decode-call.js'
import type {Resolved} from './resolve-path.js'

export type CarryOutResult =
  | {readonly kind: 'fd'; readonly fd: number; readonly cloexec: boolean}
  | {readonly kind: 'value'; readonly value: number}
  | {readonly kind: 'error'; readonly errno: number}

const EACCES = 13
const EEXIST = 17
const ENOENT = 2

/** The caller's umask (Umask: in /proc/TID/status); 022 when unreadable. */
function umaskOf(tid: number): number {
  try {
    const m = /^Umask:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${tid}/status`, 'utf8'))
    return m?.[1] ? parseInt(m[1], 8) : 0o022
  } catch {
    return 0o022
  }
}

const result = (r: number): CarryOutResult => (r < 0 ? {kind: 'error', errno: -r} : {kind: 'value', value: r})
const reopen = (fd: number, flags: number, mode = 0): number => openat(AT_FDCWD, cString(`/proc/self/fd/${fd}`), flags | O_CLOEXEC, mode)

/** Carry out `call` on the resolved objects; exec is never carried out (the caller checks). */
export function carryOut(call: DecodedCall, tid: number, from: Resolved, to: Resolved | undefined): CarryOutResult {
  if (from.fd < 0) return {kind: 'error', errno: from.error < 0 ? -from.error : EACCES}
  if (to && to.fd < 0) return {kind: 'error', errno: to.error < 0 ? -to.error : EACCES}
  const named = from.name
  switch (call.kind) {
    case 'open': {
      // The caller's own RESOLVE_* restrictions cannot be replayed on an fd we resolved; refuse rather than widen them.
      if (call.resolve !== 0) return {kind: 'error', errno: EACCES}
      const cloexec = (call.flags & O_CLOEXEC) !== 0
      let fd: number
      if (named) {
        if (!(call.flags & O_CREAT)) return {kind: 'error', errno: ENOENT}
        fd = openat(from.fd, named, (call.flags & ~O_CLOEXEC) | O_NOFOLLOW | O_CLOEXEC, call.mode & ~umaskOf(tid) & 0o7777)
      } else {
        if ((call.flags & (O_CREAT | O_EXCL)) === (O_CREAT | O_EXCL)) return {kind: 'error', errno: EEXIST}
        // The object exists: nothing is created, so no mode (and no umask to read).
        fd = reopen(from.fd, call.flags & ~(O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC))
      }
      return fd < 0 ? {kind: 'error', errno: -fd} : {kind: 'fd', fd, cloexec}
    }
    case 'mkdir':
      return named ? result(mkdirat(from.fd, named, call.mode & ~umaskOf(tid) & 0o7777)) : {kind: 'error', errno: EEXIST}
    case 'mknod': {
      if (!named) return {kind: 'error', errno: EEXIST}
      const perm = call.mode & 0o7777 & ~umaskOf(tid)
      return result(mknodat(from.fd, named, (call.mode & ~0o7777) | perm, call.dev))
    }
    case 'symlink':
      return named && call.linkText ? result(symlinkat(call.linkText, from.fd, named)) : {kind: 'error', errno: EEXIST}
    case 'unlink':
      return named ? result(unlinkat(from.fd, named, call.flags & AT_REMOVEDIR)) : {kind: 'error', errno: EACCES}
    case 'rename':
      return named && to?.name ? result(renameat2(from.fd, named, to.fd, to.name, call.flags)) : {kind: 'error', errno: EACCES}
    case 'link': {
      if (!to?.name) return {kind: 'error', errno: EEXIST}
      if (named) return result(linkat(from.fd, named, to.fd, to.name, 0))
      return result(linkat(AT_FDCWD, cString(`/proc/self/fd/${from.fd}`), to.fd, to.name, AT_SYMLINK_FOLLOW))
    }
    case 'truncate': {
      if (named) return {kind: 'error', errno: ENOENT}
      const fd = reopen(from.fd, O_WRONLY)
      if (fd < 0) return {kind: 'error', errno: -fd}
      const r = ftruncate(fd, call.length)
      closeQuietly(fd)
      return result(r)
    }
    case 'exec':
      return {kind: 'error', errno: EACCES}
  }
}
