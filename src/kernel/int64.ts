// 64-bit fields of kernel structs as Numbers. A BigInt per field costs the supervisor's hot path about 0.1 µs each;
// the values written there (lengths, flags, modes, return values, user-space addresses) fit a Number exactly.
const TWO_32 = 2 ** 32

/** Write an integer of magnitude below 2^53 as a 64-bit field, two's complement when negative (little-endian). */
export function writeInt64(buf: Buffer, offset: number, n: number): void {
  buf.writeUInt32LE(n >>> 0, offset)
  buf.writeUInt32LE(Math.floor(n / TWO_32) >>> 0, offset + 4)
}

/** An s64 as a Number: exact below 2^53 in magnitude, rounded beyond it (as Number(bigint) rounds). */
export function readInt64(buf: Buffer, offset: number): number {
  return buf.readInt32LE(offset + 4) * TWO_32 + buf.readUInt32LE(offset)
}

/** A u64 as a Number: exact below 2^53, rounded beyond it. */
export function readUint64(buf: Buffer, offset: number): number {
  return buf.readUInt32LE(offset + 4) * TWO_32 + buf.readUInt32LE(offset)
}

/** The highest u64 `readUint64` and `writeInt64` keep exact, with room for a page's offset on top. */
export const EXACT_UINT64_LIMIT = 2 ** 53 - 2 ** 32
