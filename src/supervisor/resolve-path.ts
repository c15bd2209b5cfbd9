// Where a trapped call's path leads, inside the sandbox's own root: the canonical path to decide on, and an O_PATH fd
// of the object (or of its parent and the final name) so that a carried-out call acts on exactly what was decided.
import {
  AT_EMPTY_PATH, AT_FDCWD, closeQuietly, cString, O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, O_PATH, openat, openat2, readlinkat,
  RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS,
} from '../kernel/fs-at.js'
import {PATH_MAX} from '../kernel/process-memory.js'
import type {PathArg} from './decode-call.js'

export interface Resolved {
  /** Canonical path in the sandbox's view (symlinks resolved), or the lexical path when it could not be resolved. */
  readonly path: string
  /** O_PATH fd of the object, or of its parent directory when `name` is set; -1 when unresolvable. Owned by the caller. */
  readonly fd: number
  /** The final component relative to `fd`, when the object is named in its parent rather than opened. */
  readonly name?: Buffer
  /** Why it could not be resolved (fd -1), as -errno. */
  readonly error: number
}

const ENOENT = 2
const ELOOP = 40
const linkBuf = Buffer.alloc(PATH_MAX)

/** A path string from bytes; undefined when the bytes are not UTF-8 (decisions are made on strings). */
function decode(bytes: Buffer, length = bytes.length): string | undefined {
  const s = bytes.toString('utf8', 0, length)
  return Buffer.byteLength(s) === length && !s.includes('\uFFFD') ? s : undefined
}

/** readlink of a /proc magic link (cwd, fd/N, self/fd/N). */
export function readProcLink(link: string): string | undefined {
  const n = readlinkat(AT_FDCWD, cString(link), linkBuf)
  return n < 0 ? undefined : decode(linkBuf, n)
}

/** Lexically normalised absolute path: no ".", "..", double or trailing slashes. */
export function normalise(path: string): string {
  // Most paths already are (no "//", no "/." of any kind, no trailing "/"): those are returned as they are.
  if (path.startsWith('/') && !path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/'))) return path
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return `/${out.join('/')}`
}

/** The sandbox's root, opened through the first caller: every process of the sandbox shares it (none may chroot). */
export function openSandboxRoot(pid: number): number {
  return openat(AT_FDCWD, cString(`/proc/${pid}/root`), O_PATH | O_DIRECTORY | O_CLOEXEC, 0)
}

export class PathResolver {
  constructor(private readonly rootFd: number) {}

  /** The absolute path the caller means (relative paths joined to its cwd or dirfd); undefined when unknowable. */
  absolute(tid: number, arg: PathArg, emptyPathOk: boolean): string | undefined {
    const text = decode(arg.path, arg.path.length - 1)
    if (text === undefined) return undefined
    if (text.startsWith('/')) return text
    const base = arg.dirfd === AT_FDCWD ? readProcLink(`/proc/${tid}/cwd`) : readProcLink(`/proc/${tid}/fd/${arg.dirfd}`)
    if (base === undefined || !base.startsWith('/')) return undefined
    if (text === '') return emptyPathOk ? base : undefined
    return base === '/' ? `/${text}` : `${base}/${text}`
  }

  /** An O_PATH open inside the root, and the canonical path of what it reached. */
  private openInRoot(abs: string, flags: number): {fd: number; path: string} | number {
    const name = cString(abs)
    // Most paths pass no symlink: then what the kernel reached is the lexical path, and no readlink is needed.
    const direct = openat2(this.rootFd, name, O_PATH | O_CLOEXEC | flags, 0, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS)
    if (direct >= 0) return {fd: direct, path: normalise(abs)}
    if (direct !== -ELOOP) return direct
    const fd = openat2(this.rootFd, name, O_PATH | O_CLOEXEC | flags, 0, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
    if (fd < 0) return fd
    const path = readProcLink(`/proc/self/fd/${fd}`)
    if (path === undefined || !path.startsWith('/')) {
      closeQuietly(fd)
      return -13 // EACCES: an object with no path in the sandbox (deleted, or outside its root) is not decided on
    }
    return {fd, path}
  }

  /** The object a path names (following a final symlink when `follow`); when it does not exist, its parent and name. */
  resolveObject(tid: number, arg: PathArg, follow: boolean, flags = 0): Resolved {
    return this.resolveObjectAt(this.absolute(tid, arg, (flags & AT_EMPTY_PATH) !== 0), follow)
  }

  /** resolveObject for a path already made absolute (`absolute`); undefined when that was unknowable. */
  resolveObjectAt(abs: string | undefined, follow: boolean): Resolved {
    if (abs === undefined) return {path: '', fd: -1, error: -ENOENT}
    const object = this.openInRoot(abs, follow ? 0 : O_NOFOLLOW)
    if (typeof object !== 'number') return {...object, error: 0}
    if (object !== -ENOENT) return {path: normalise(abs), fd: -1, error: object}
    return this.resolveName(abs)
  }

  /** The parent directory of a path and its final name (the object itself is not followed: mkdir, unlink, rename...). */
  resolveNameOf(tid: number, arg: PathArg): Resolved {
    const abs = this.absolute(tid, arg, false)
    if (abs === undefined) return {path: '', fd: -1, error: -ENOENT}
    return this.resolveName(abs)
  }

  private resolveName(abs: string): Resolved {
    const trimmed = abs.replace(/\/+$/, '')
    const cut = trimmed.lastIndexOf('/')
    const name = trimmed.slice(cut + 1)
    const parentPath = cut <= 0 ? '/' : trimmed.slice(0, cut)
    if (name === '' || name === '.' || name === '..') {
      // "/", "x/." or "x/..": the call names a directory that exists or not; decide on it lexically, carry nothing out.
      return {path: normalise(abs), fd: -1, error: -22 /* EINVAL */}
    }
    const parent = this.openInRoot(parentPath, O_DIRECTORY)
    if (typeof parent === 'number') return {path: normalise(abs), fd: -1, error: parent}
    return {path: parent.path === '/' ? `/${name}` : `${parent.path}/${name}`, fd: parent.fd, name: cString(name), error: 0}
  }
}
