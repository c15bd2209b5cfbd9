// Unix socket pairs that carry an fd (SCM_RIGHTS), eventfds, poll and raw read/write: the plumbing between the stage,
// the notification loop and the main thread.
import {addressOf, lastErrno} from './libc.js'
import {negErrno, raw} from './raw-syscall.js'
import {SYSCALLS_X86_64 as NR} from './syscalls.js'
import {checked} from './errno.js'

export const AF_UNIX = 1
export const SOCK_STREAM = 1
export const SOCK_CLOEXEC = 0o2000000
export const SOL_SOCKET = 1
export const SCM_RIGHTS = 1
export const EFD_NONBLOCK = 0o4000
export const EFD_CLOEXEC = 0o2000000
export const POLLIN = 0x001
export const POLLERR = 0x008
export const POLLHUP = 0x010
export const POLLNVAL = 0x020

/** socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC): two connected ends. */
export function unixSocketPair(): [number, number] {
  const sv = Buffer.alloc(8)
  checked('socketpair', raw().sLLLP(NR.socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
  return [sv.readInt32LE(0), sv.readInt32LE(4)]
}

/** struct msghdr (56 bytes) with one iovec of `data` and, when `control` is given, that control buffer. */
function msghdr(data: Buffer, iov: Buffer, control: Buffer | undefined): Buffer {
  iov.writeBigUInt64LE(addressOf(data), 0)
  iov.writeBigUInt64LE(BigInt(data.length), 8)
  const msg = Buffer.alloc(56)
  msg.writeBigUInt64LE(addressOf(iov), 16)
  msg.writeBigUInt64LE(1n, 24)
  if (control) {
    msg.writeBigUInt64LE(addressOf(control), 32)
    msg.writeBigUInt64LE(BigInt(control.length), 40)
  }
  return msg
}

/** Send one byte and `fd` over a unix socket (SCM_RIGHTS). */
export function sendFd(socket: number, fd: number): void {
  const data = Buffer.from('F')
  const iov = Buffer.alloc(16)
  const control = Buffer.alloc(24) // CMSG_SPACE(sizeof(int))
  control.writeBigUInt64LE(20n, 0) // CMSG_LEN(sizeof(int))
  control.writeInt32LE(SOL_SOCKET, 8)
  control.writeInt32LE(SCM_RIGHTS, 12)
  control.writeInt32LE(fd, 16)
  const msg = msghdr(data, iov, control)
  checked('sendmsg(SCM_RIGHTS)', raw().sLPL(NR.sendmsg, socket, msg, 0), {path: `fd ${fd}`})
  data.readUInt8(0) // keep the buffers alive until the kernel has read them
  iov.readUInt8(0)
  control.readUInt8(0)
}

/** Receive one byte and the fd sent with it; undefined when the other end closed without sending one. Blocks. */
export function receiveFd(socket: number): number | undefined {
  const data = Buffer.alloc(1)
  const iov = Buffer.alloc(16)
  const control = Buffer.alloc(24)
  const msg = msghdr(data, iov, control)
  const MSG_CMSG_CLOEXEC = 0x40000000
  let n: number
  do n = raw().sLPL(NR.recvmsg, socket, msg, MSG_CMSG_CLOEXEC)
  while (n < 0 && lastErrno() === 4 /* EINTR */)
  checked('recvmsg(SCM_RIGHTS)', n)
  if (n === 0) return undefined
  const controllen = Number(msg.readBigUInt64LE(40))
  if (controllen < 20 || control.readInt32LE(8) !== SOL_SOCKET || control.readInt32LE(12) !== SCM_RIGHTS) return undefined
  iov.readUInt8(0)
  return control.readInt32LE(16)
}

/** eventfd2(0, EFD_CLOEXEC | EFD_NONBLOCK). */
export function eventFd(): number {
  return checked('eventfd2', raw().s2(NR.eventfd2, 0, EFD_CLOEXEC | EFD_NONBLOCK))
}

const one = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0])

/** Add 1 to an eventfd's counter: wakes a poll() on it. */
export function signalEventFd(fd: number): void {
  raw().sLPL(NR.write, fd, one, 8)
}

/** Reset an eventfd's counter (non-blocking read). */
export function drainEventFd(fd: number, scratch: Buffer): void {
  raw().sLPL(NR.read, fd, scratch, 8)
}

/** poll(2) on an array of struct pollfd (8 bytes each); the count ready, or -errno. */
export function pollFds(fds: Buffer, count: number, timeoutMs: number): number {
  return negErrno(raw().sPLL(NR.poll, fds, count, timeoutMs))
}

/** read(2) / write(2) on Buffers; the count or -errno. */
export function readFd(fd: number, buf: Buffer, length = buf.length): number {
  return negErrno(raw().sLPL(NR.read, fd, buf, length))
}

export function writeFd(fd: number, buf: Buffer, length = buf.length): number {
  return negErrno(raw().sLPL(NR.write, fd, buf, length))
}
