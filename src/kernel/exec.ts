// execve(2) with argv/envp arrays; returns only on failure, with the errno.
import {libc, lastErrno} from './libc.js'

/** Replace the process image. Returns the errno when the kernel refuses (execve never returns on success). */
export function execve(path: string, argv: readonly string[], envp: readonly string[]): number {
  libc().execve(path, [...argv, null], [...envp, null])
  return lastErrno()
}
