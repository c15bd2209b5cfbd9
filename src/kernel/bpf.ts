// A small classic-BPF builder for seccomp filters: check the arch, refuse x32, match syscalls (and ioctl requests), act.
import {__X32_SYSCALL_BIT} from './syscalls.js'

export const BPF_LD_W_ABS = 0x20
export const BPF_JMP_JA = 0x05
export const BPF_JMP_JEQ_K = 0x15
export const BPF_JMP_JGE_K = 0x35
export const BPF_RET_K = 0x06

export const AUDIT_ARCH_X86_64 = 0xc000003e
export const AUDIT_ARCH_I386 = 0x40000003

export const SECCOMP_RET_KILL_PROCESS = 0x80000000
export const SECCOMP_RET_KILL_THREAD = 0x00000000
export const SECCOMP_RET_TRAP = 0x00030000
export const SECCOMP_RET_ERRNO = 0x00050000
export const SECCOMP_RET_USER_NOTIF = 0x7fc00000
export const SECCOMP_RET_TRACE = 0x7ff00000
export const SECCOMP_RET_LOG = 0x7ffc0000
export const SECCOMP_RET_ALLOW = 0x7fff0000

/** struct seccomp_data offsets. */
export const SECCOMP_DATA_NR = 0
export const SECCOMP_DATA_ARCH = 4
/** Low 32 bits of args[i] (little-endian). */
export function seccompDataArgLow(i: number): number {
  return 16 + 8 * i
}

export interface BpfInsn {
  readonly code: number
  readonly jt: number
  readonly jf: number
  readonly k: number
}

/** SECCOMP_RET_ERRNO with the errno in the data bits. */
export function retErrno(errno: number): number {
  return (SECCOMP_RET_ERRNO | (errno & 0xffff)) >>> 0
}

export interface SyscallRule {
  readonly nr: number
  /** A SECCOMP_RET_* value (with data). */
  readonly action: number
  /** Only when the low 32 bits of args[arg] equal one of `values`; otherwise the next rule is tried. */
  readonly when?: {readonly arg: number; readonly values: readonly number[]}
}

export interface FilterSpec {
  /** The only arch allowed through; any other arch (e.g. i386 `int $0x80`) gets `otherArch`. */
  readonly arch: number
  readonly otherArch: number
  /** What x32 syscall numbers (nr >= __X32_SYSCALL_BIT) get. */
  readonly x32: number
  /** Tried in order; the first match acts. */
  readonly rules: readonly SyscallRule[]
  readonly defaultAction: number
}

const stmt = (code: number, k: number): BpfInsn => ({code, jt: 0, jf: 0, k: k >>> 0})
const jump = (code: number, k: number, jt: number, jf: number): BpfInsn => {
  if (jt > 255 || jf > 255) throw new Error(`BPF jump too far (${jt}/${jf})`)
  return {code, jt, jf, k: k >>> 0}
}

/** The instructions of one rule, entered and left with A = nr. */
function compileRule(rule: SyscallRule): BpfInsn[] {
  if (!rule.when) return [jump(BPF_JMP_JEQ_K, rule.nr, 0, 1), stmt(BPF_RET_K, rule.action)]
  const {arg, values} = rule.when
  const n = values.length
  // [ld arg] [jeq v_i -> ret]... [ld nr] [ja +1] [ret action]
  const body: BpfInsn[] = [stmt(BPF_LD_W_ABS, seccompDataArgLow(arg))]
  values.forEach((v, i) => body.push(jump(BPF_JMP_JEQ_K, v, n - i + 1, 0)))
  body.push(stmt(BPF_LD_W_ABS, SECCOMP_DATA_NR), stmt(BPF_JMP_JA, 1), stmt(BPF_RET_K, rule.action))
  return [jump(BPF_JMP_JEQ_K, rule.nr, 0, body.length), ...body]
}

/** Compile a filter spec to BPF instructions. */
export function buildFilter(spec: FilterSpec): BpfInsn[] {
  const prog: BpfInsn[] = [
    stmt(BPF_LD_W_ABS, SECCOMP_DATA_ARCH),
    jump(BPF_JMP_JEQ_K, spec.arch, 1, 0),
    stmt(BPF_RET_K, spec.otherArch),
    stmt(BPF_LD_W_ABS, SECCOMP_DATA_NR),
    jump(BPF_JMP_JGE_K, __X32_SYSCALL_BIT, 0, 1),
    stmt(BPF_RET_K, spec.x32),
  ]
  for (const rule of spec.rules) prog.push(...compileRule(rule))
  prog.push(stmt(BPF_RET_K, spec.defaultAction))
  if (prog.length > 4096) throw new Error(`seccomp filter too long (${prog.length} instructions, max 4096)`)
  return prog
}

/** struct sock_filter[] as raw bytes: u16 code, u8 jt, u8 jf, u32 k. */
export function encodeFilter(prog: readonly BpfInsn[]): Buffer {
  const buf = Buffer.alloc(prog.length * 8)
  prog.forEach((insn, i) => {
    buf.writeUInt16LE(insn.code, i * 8)
    buf.writeUInt8(insn.jt, i * 8 + 2)
    buf.writeUInt8(insn.jf, i * 8 + 3)
    buf.writeUInt32LE(insn.k, i * 8 + 4)
  })
  return buf
}
