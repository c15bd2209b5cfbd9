// Fixed-shape prototypes of syscall(2) for the supervisor's hot path: no variadic marshalling, Buffers for every pointer.
// glibc's syscall() is a few instructions of assembly that only moves registers, so a fixed prototype is exact.
import koffi from './koffi.js'
import {lastErrno} from './libc.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the FFI boundary */
type Fn = (...args: any[]) => number
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface RawSyscalls {
  /** nr, a */
  readonly s1: Fn
  /** nr, a, b */
  readonly s2: Fn
  /** nr, long, pointer, long: read, write, sendmsg, recvmsg */
  readonly sLPL: Fn
  /** nr, long, long, pointer: ioctl */
  readonly sLLP: Fn
  /** nr, pointer, long, long: poll */
  readonly sPLL: Fn
  /** nr, long, pointer, pointer, long: openat2, readlinkat */
  readonly sLPPL: Fn
  /** nr, long, pointer, long, long: openat, mkdirat, mknodat, unlinkat */
  readonly sLPLL: Fn
  /** nr, long, pointer, long, pointer, long: renameat2, linkat */
  readonly sLPLPL: Fn
  /** nr, pointer, long, pointer: symlinkat */
  readonly sPLP: Fn
  /** nr, long, pointer, long, pointer, long, long: process_vm_readv */
  readonly sLPLPLL: Fn
  /** nr, long, long, long, pointer: socketpair */
  readonly sLLLP: Fn
}

let loaded: RawSyscalls | undefined

/** The prototypes, declared on first use. */
export function raw(): RawSyscalls {
  if (loaded) return loaded
  const lib = koffi.load('libc.so.6')
  const fn = (args: string) => lib.func(`long syscall(long nr, ${args})`) as Fn
  loaded = {
    s1: fn('long a'),
    s2: fn('long a, long b'),
    sLPL: fn('long a, void *b, long c'),
    sLLP: fn('long a, long b, void *c'),
    sPLL: fn('void *a, long b, long c'),
    sLPPL: fn('long a, void *b, void *c, long d'),
    sLPLL: fn('long a, void *b, long c, long d'),
    sLPLPL: fn('long a, void *b, long c, void *d, long e'),
    sPLP: fn('void *a, long b, void *c'),
    sLPLPLL: fn('long a, void *b, long c, void *d, long e, long f'),
    sLLLP: fn('long a, long b, long c, void *d'),
  }
  return loaded
}

/** A raw result as the kernel would give it: the value, or -errno. */
export function negErrno(result: number): number {
  return result < 0 ? -lastErrno() : result
}
