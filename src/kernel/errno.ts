// One checked-call helper: a failed kernel call becomes a KernelError naming the syscall, path, errno and a hint.
import {constants} from 'node:os'
import {lastErrno} from './libc.js'

const NAME_OF_ERRNO = new Map<number, string>(Object.entries(constants.errno).map(([name, n]) => [n, name]))

/** The header name of an errno number (`EACCES`), or `errno N` when unknown. */
export function errnoName(errno: number): string {
  return NAME_OF_ERRNO.get(errno) ?? `errno ${errno}`
}

/** The number of an errno header name (`EPERM` -> 1); throws on an unknown name. */
export function errnoNumber(name: string): number {
  const n = (constants.errno as Record<string, number | undefined>)[name]
  if (n === undefined) throw new Error(`unknown errno name "${name}"`)
  return n
}

export class KernelError extends Error {
  override readonly name = 'KernelError'
  constructor(
    readonly syscall: string,
    readonly errno: number,
    readonly path: string | undefined,
    readonly hint: string | undefined,
  ) {
    super(`${syscall}${path === undefined ? '' : ` ${path}`}: ${errnoName(errno)}${hint === undefined ? '' : ` (${hint})`}`)
  }

  get code(): string {
    return errnoName(this.errno)
  }
}

export interface CallContext {
  readonly path?: string
  /** A hint per errno name, shown when the call fails with that errno. */
  readonly hints?: Readonly<Record<string, string>>
}

/** Run a raw call that returns -1 (or a negative number) on failure and throw a KernelError then. */
export function checked<T extends number | bigint>(syscall: string, result: T, context: CallContext = {}): number {
  const n = Number(result)
  if (n >= 0) return n
  const errno = lastErrno()
  throw new KernelError(syscall, errno, context.path, context.hints?.[errnoName(errno)])
}
