// The C library, loaded once through koffi; every other kernel file calls through here.
import koffi from './koffi.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the FFI boundary */
type Fn = (...args: any[]) => any

export interface Libc {
  /** `long syscall(long nr, ...)`: pass each extra argument as a type name then a value. */
  readonly syscall: Fn
  readonly prctl: Fn
  readonly fcntl: Fn
  readonly ioctl: Fn
  readonly open: Fn
  readonly close: (fd: number) => number
  readonly execve: (path: string, argv: (string | null)[], envp: (string | null)[]) => number
  readonly signal: (sig: number, handler: null) => unknown
  readonly sigprocmask: (how: number, set: Buffer, old: null) => number
  readonly getpgrp: () => number
  readonly tcgetpgrp: (fd: number) => number
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let loaded: Libc | undefined

/** The libc bindings, loaded on first use so importing a kernel file costs nothing. */
export function libc(): Libc {
  if (loaded) return loaded
  const lib = koffi.load('libc.so.6')
  const l: Libc = {
    syscall: lib.func('long syscall(long nr, ...)'),
    prctl: lib.func('int prctl(int option, ...)'),
    fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
    ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
    open: lib.func('int open(const char *path, int flags, ...)'),
    close: lib.func('int close(int fd)'),
    execve: lib.func('int execve(const char *path, const char **argv, const char **envp)'),
    signal: lib.func('void *signal(int sig, void *handler)'),
    sigprocmask: lib.func('int sigprocmask(int how, void *set, void *old)'),
    getpgrp: lib.func('int getpgrp()'),
    tcgetpgrp: lib.func('int tcgetpgrp(int fd)'),
  }
  loaded = l
  return l
}

/** errno of the last failed call made through koffi on this thread. */
export function lastErrno(): number {
  return koffi.errno()
}

/** The address of a Buffer's bytes, for structs that hold pointers. */
export function addressOf(buf: Buffer): bigint {
  return koffi.address(buf)
}
