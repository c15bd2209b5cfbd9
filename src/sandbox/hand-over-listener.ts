// Supervise mode, in the stage: install the notify filter and give its listener to the supervisor before execve.
//
// Why a unix socket (SCM_RIGHTS) and not pidfd_getfd from the parent: pidfd_getfd needs ptrace rights over the stage,
// which Yama (ptrace_scope 2 or 3) or an LSM may refuse, and a pid can be reused; a socket inherited from the parent
// works under any ptrace policy and names no pid. The stage then waits for an ack, so the program never starts before
// someone is reading its notifications; no ack (the supervisor failed) means no program.
import {KernelError} from '../kernel/errno.js'
import {closeFd} from '../kernel/fd.js'
import {readFd, sendFd} from '../kernel/fd-passing.js'
import {installNotifyFilter} from './notify-filter.js'

/** Install the notify filter, send the listener on `socketFd`, wait for the one-byte ack, close both. */
export function handOverListener(socketFd: number): void {
  const listener = installNotifyFilter()
  sendFd(socketFd, listener)
  closeFd(listener)
  const ack = Buffer.alloc(1)
  let n: number
  do n = readFd(socketFd, ack)
  while (n === -4 /* EINTR */)
  if (n !== 1) throw new KernelError('read(supervisor ack)', n < 0 ? -n : 32 /* EPIPE */, `fd ${socketFd}`, 'the supervisor did not take the listener')
  closeFd(socketFd)
}
