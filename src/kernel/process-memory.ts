// Read another process's memory with process_vm_readv(2): how the supervisor reads a trapped call's arguments.
import {EXACT_UINT64_LIMIT, readUint64, writeInt64} from './int64.js'
import {addressOf, lastErrno} from './libc.js'
import {raw} from './raw-syscall.js'
import {SYSCALLS_X86_64 as NR} from './syscalls.js'

export const PATH_MAX = 4096

/** A reader with its buffers allocated once: one local iovec, two remote ones (up to a page boundary, then the rest). */
export class ProcessMemoryReader {
  readonly out = Buffer.alloc(PATH_MAX)
  private readonly local = Buffer.alloc(16)
  private readonly remote = Buffer.alloc(32)

  constructor() {
    this.local.writeBigUInt64LE(addressOf(this.out), 0)
  }

  /**
   * Read up to `length` bytes at `address` (u64 little-endian at `source[offset]`) of `pid` into `this.out`.
   * The range is split at the first page boundary so that a string near the end of a mapping is still read.
   * Returns the bytes read, or -errno.
   */
  read(pid: number, source: Buffer, offset: number, length: number): number {
    const address = readUint64(source, offset)
    // Beyond 2^53 a Number is not exact; no mapping is there on x86-64 without 5-level paging, but read it right anyway.
    if (address >= EXACT_UINT64_LIMIT) return this.readFar(pid, source.readBigUInt64LE(offset), length)
    const first = Math.min(length, 4096 - (address % 4096))
    writeInt64(this.local, 8, length)
    writeInt64(this.remote, 0, address)
    writeInt64(this.remote, 8, first)
    writeInt64(this.remote, 16, address + first)
    writeInt64(this.remote, 24, length - first)
    const n = raw().sLPLPLL(NR.process_vm_readv, pid, this.local, 1, this.remote, length > first ? 2 : 1, 0)
    return n < 0 ? -lastErrno() : n
  }

  /** read() for an address a Number cannot hold exactly. */
  private readFar(pid: number, address: bigint, length: number): number {
    const first = Math.min(length, 4096 - Number(address & 4095n))
    this.local.writeBigUInt64LE(BigInt(length), 8)
    this.remote.writeBigUInt64LE(address, 0)
    this.remote.writeBigUInt64LE(BigInt(first), 8)
    this.remote.writeBigUInt64LE((address + BigInt(first)) & 0xffffffffffffffffn, 16)
    this.remote.writeBigUInt64LE(BigInt(length - first), 24)
    const n = raw().sLPLPLL(NR.process_vm_readv, pid, this.local, 1, this.remote, length > first ? 2 : 1, 0)
    return n < 0 ? -lastErrno() : n
  }

  /**
   * A NUL-terminated string at the address in `source[offset]`: a copy with its NUL, or -errno (EFAULT, ENAMETOOLONG).
   * Read in two steps, a short first chunk (most paths fit) and then the rest of PATH_MAX only when needed: pinning
   * the caller's pages costs in proportion to what is read.
   */
  readCString(pid: number, source: Buffer, offset: number): Buffer | number {
    const first = this.read(pid, source, offset, FIRST_CHUNK)
    if (first < 0) return first
    let end = this.out.subarray(0, first).indexOf(0)
    if (end >= 0) return Buffer.from(this.out.subarray(0, end + 1))
    if (first < FIRST_CHUNK) return -14 // EFAULT: the string runs into unmapped memory
    const n = this.read(pid, source, offset, PATH_MAX)
    if (n < 0) return n
    end = this.out.subarray(0, n).indexOf(0)
    if (end < 0) return n === PATH_MAX ? -36 /* ENAMETOOLONG */ : -14 /* EFAULT */
    return Buffer.from(this.out.subarray(0, end + 1))
  }
}

/** The first read of a string argument. */
const FIRST_CHUNK = 256
