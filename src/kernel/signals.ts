// Signal dispositions and mask as a program should find them after execve (Node ignores SIGPIPE and SIGXFSZ).
import {libc} from './libc.js'

export const SIG_SETMASK = 2
/** Highest signal number on Linux (SIGRTMAX). */
export const NSIG_MAX = 64
export const SIGKILL = 9
export const SIGSTOP = 19

/**
 * Set every signal back to SIG_DFL and unblock all of them. Handlers are reset by execve anyway;
 * ignored signals and the mask are inherited, so a program would otherwise run with Node's choices.
 */
export function resetSignalsForExec(): void {
  for (let sig = 1; sig <= NSIG_MAX; sig++) {
    if (sig === SIGKILL || sig === SIGSTOP) continue
    libc().signal(sig, null) // glibc refuses its two internal real-time signals; that is fine
  }
  libc().sigprocmask(SIG_SETMASK, Buffer.alloc(128), null)
}
