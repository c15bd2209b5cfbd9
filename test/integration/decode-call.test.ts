// Decoding a trapped call from the caller's memory, here this process's own: the arguments as the kernel reads them.
import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {addressOf} from '../../src/kernel/libc.js'
import {NOTIF_ARGS, NOTIF_NR, SECCOMP_NOTIF_SIZE} from '../../src/kernel/notify.js'
import {ProcessMemoryReader} from '../../src/kernel/process-memory.js'
import {SYSCALLS_X86_64 as NR} from '../../src/kernel/syscalls.js'
import {decodeCall, type DecodedCall} from '../../src/supervisor/decode-call.js'

const O_WRONLY = 1
const path = Buffer.from('/srv/data/file.txt\0')

/** A notification for syscall `nr` with 64-bit arguments `args` (bigint: any bit pattern a caller may leave). */
function notification(nr: number, args: readonly bigint[]): Buffer {
  const notif = Buffer.alloc(SECCOMP_NOTIF_SIZE)
  notif.writeInt32LE(nr, NOTIF_NR)
  args.forEach((a, i) => notif.writeBigUInt64LE(BigInt.asUintN(64, a), NOTIF_ARGS + 8 * i))
  return notif
}

const decode = (nr: number, args: readonly bigint[]): DecodedCall | number => decodeCall(notification(nr, args), process.pid, new ProcessMemoryReader())
const decoded = (nr: number, args: readonly bigint[]): DecodedCall => {
  const call = decode(nr, args)
  assert.ok(typeof call !== 'number', `decode failed: ${String(call)}`)
  return call
}

describe('int arguments are their low 32 bits, as the kernel reads them', () => {
  const at = addressOf(path)
  const cases: [string, bigint, number][] = [
    ['O_WRONLY', BigInt(O_WRONLY), O_WRONLY],
    ['O_WRONLY under garbage upper bits', (1n << 60n) | BigInt(O_WRONLY), O_WRONLY],
    ['O_RDONLY under garbage upper bits', (1n << 60n) | (0xdeadn << 40n), 0],
    ['O_RDONLY', 0n, 0],
  ]
  for (const [name, flags, access] of cases) {
    test(`openat ${name}: access mode ${access}`, () => {
      const call = decoded(NR.openat, [-100n, at, flags, 0o644n])
      assert.equal(call.flags & 3, access)
      assert.equal(call.from.dirfd, -100)
      assert.equal(call.from.path.toString(), path.toString())
    })
  }
  test('a dirfd with upper bits set is the int it holds', () => {
    assert.equal(decoded(NR.openat, [(1n << 40n) | 7n, at, 0n, 0n]).from.dirfd, 7)
  })
})

describe('64-bit arguments stay whole', () => {
  test('truncate to 2^40 + 5 bytes', () => {
    assert.equal(decoded(NR.truncate, [addressOf(path), (1n << 40n) + 5n]).length, 2 ** 40 + 5)
  })
  test('truncate to a small length', () => {
    assert.equal(decoded(NR.truncate, [addressOf(path), 5n]).length, 5)
  })
})

describe('the path pointer', () => {
  test('a mapped address is read', () => {
    assert.equal(decoded(NR.open, [addressOf(path), 0n, 0n]).from.path.toString(), path.toString())
  })
  for (const [name, address] of [['above 2^53', (1n << 60n) + 4096n], ['unmapped, below 2^53', 4096n], ['the top of the address space', (1n << 64n) - 8n]] as const) {
    test(`${name}: EFAULT, nothing read`, () => {
      assert.equal(decode(NR.open, [address, 0n, 0n]), -14)
    })
  }
})
