// Who owns the terminal: to tell a terminal-generated signal (sent to the whole foreground group) from an explicit kill.
import {isatty} from 'node:tty'
import {libc} from './libc.js'

/** True when our process group is the foreground group of the terminal on one of fds 0-2. */
export function inForegroundOfTerminal(): boolean {
  const pgrp = libc().getpgrp()
  for (const fd of [0, 1, 2]) {
    if (!isatty(fd)) continue
    return libc().tcgetpgrp(fd) === pgrp
  }
  return false
}
