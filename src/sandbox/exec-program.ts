// Find the program like execvp(3) does, inside the sandbox, and exec it; only failures come back.
import {errnoName} from '../kernel/errno.js'

export const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin'

export type ExecFailure = {readonly kind: 'not-found' | 'not-executable'; readonly message: string}
type Exec = (path: string, argv: readonly string[], envp: readonly string[]) => number

const ENOENT = 2
const EACCES = 13
/** Errors that mean "not in this PATH entry, try the next" (as glibc's execvp). */
const TRY_NEXT = new Set([ENOENT, 20 /* ENOTDIR */, 116 /* ESTALE */, 19 /* ENODEV */, 110 /* ETIMEDOUT */])

/** Exec argv[0] (searched in env PATH unless it has a slash); returns why it could not. */
export function findAndExec(argv: readonly string[], env: Readonly<Record<string, string>>, exec: Exec): ExecFailure {
  const name = argv[0] ?? ''
  const envp = Object.entries(env).map(([k, v]) => `${k}=${v}`)
  const describe = (errno: number): ExecFailure => errno === ENOENT
    ? {kind: 'not-found', message: `${name}: command not found`}
    : {kind: 'not-executable', message: `${name}: cannot execute: ${errnoName(errno)}${errno === EACCES ? ' (permission denied)' : ''}`}
  if (name === '') return {kind: 'not-found', message: 'empty command name'}
  if (name.includes('/')) return describe(exec(name, argv, envp))
  let sawEacces = false
  for (const dir of (env.PATH ?? DEFAULT_PATH).split(':')) {
    const errno = exec(`${dir === '' ? '.' : dir}/${name}`, argv, envp)
    if (errno === EACCES) sawEacces = true
    else if (!TRY_NEXT.has(errno)) return describe(errno)
  }
  return describe(sawEacces ? EACCES : ENOENT)
}
