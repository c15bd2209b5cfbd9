// File descriptor flags: close-on-exec and non-blocking, which Node sets on stdio and a program must not inherit.
import {checked} from './errno.js'
import {libc} from './libc.js'
import {SYSCALLS_X86_64} from './syscalls.js'

export const O_NONBLOCK = 0o4000
export const O_CLOEXEC = 0o2000000
export const O_PATH = 0o10000000

export const F_GETFD = 1
export const F_SETFD = 2
export const F_GETFL = 3
export const F_SETFL = 4
export const FD_CLOEXEC = 1

/** Clear FD_CLOEXEC so `fd` survives execve. */
export function clearCloseOnExec(fd: number): void {
  const flags = checked('fcntl(F_GETFD)', libc().fcntl(fd, F_GETFD), {path: `fd ${fd}`})
  if (flags & FD_CLOEXEC) checked('fcntl(F_SETFD)', libc().fcntl(fd, F_SETFD, 'int', flags & ~FD_CLOEXEC), {path: `fd ${fd}`})
}

/** Clear O_NONBLOCK on the open file description behind `fd` (shared with the terminal's other users). */
export function clearNonBlocking(fd: number): void {
  const flags = checked('fcntl(F_GETFL)', libc().fcntl(fd, F_GETFL), {path: `fd ${fd}`})
  if (flags & O_NONBLOCK) checked('fcntl(F_SETFL)', libc().fcntl(fd, F_SETFL, 'int', flags & ~O_NONBLOCK), {path: `fd ${fd}`})
}

/** True when `fd` is open. */
export function isOpen(fd: number): boolean {
  return Number(libc().fcntl(fd, F_GETFD)) >= 0
}

/** close(2), checked. */
export function closeFd(fd: number): void {
  checked('close', libc().close(fd), {path: `fd ${fd}`})
}

export const CLOSE_RANGE_CLOEXEC = 1 << 2

/** close_range(first, ~0U, CLOSE_RANGE_CLOEXEC): every fd from `first` on is closed by the next execve. */
export function closeRangeOnExec(first: number): void {
  const r = libc().syscall(SYSCALLS_X86_64.close_range, 'unsigned int', first, 'unsigned int', 0xffffffff, 'unsigned int', CLOSE_RANGE_CLOEXEC)
  checked('close_range', r, {path: `fds ${first}..`, hints: {EINVAL: 'CLOSE_RANGE_CLOEXEC needs Linux 5.11'}})
}
