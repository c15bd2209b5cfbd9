// The controlling terminal for a prompt: termios save/restore, foreground process group, SIGTTOU ignored.
import koffi from './koffi.js'
import {checked} from './errno.js'

/** glibc's struct termios: c_iflag, c_oflag, c_cflag, c_lflag (u32 each), c_line, c_cc[32], c_ispeed, c_ospeed. */
export const TERMIOS_SIZE = 60
export const TERMIOS_LFLAG = 12
export const TERMIOS_CC = 17
export const VTIME = 5
export const VMIN = 6
export const ISIG = 0o1
export const ICANON = 0o2
export const ECHO = 0o10
export const TCSANOW = 0
export const SIGTTOU = 22
export const SIG_IGN = 1

interface TtyCalls {
  readonly tcgetattr: (fd: number, buf: Buffer) => number
  readonly tcsetattr: (fd: number, action: number, buf: Buffer) => number
  readonly tcgetpgrp: (fd: number) => number
  readonly tcsetpgrp: (fd: number, pgrp: number) => number
  readonly getpgrp: () => number
  readonly signal: (sig: number, handler: number) => number
}

let loaded: TtyCalls | undefined
function calls(): TtyCalls {
  if (loaded) return loaded
  const lib = koffi.load('libc.so.6')
  loaded = {
    tcgetattr: lib.func('int tcgetattr(int fd, void *termios)'),
    tcsetattr: lib.func('int tcsetattr(int fd, int action, void *termios)'),
    tcgetpgrp: lib.func('int tcgetpgrp(int fd)'),
    tcsetpgrp: lib.func('int tcsetpgrp(int fd, int pgrp)'),
    getpgrp: lib.func('int getpgrp()'),
    signal: lib.func('intptr_t signal(int sig, intptr_t handler)'),
  }
  return loaded
}

/** The terminal's modes, to be restored byte for byte. */
export function tcgetattr(fd: number): Buffer {
  const buf = Buffer.alloc(TERMIOS_SIZE)
  checked('tcgetattr', calls().tcgetattr(fd, buf), {path: `fd ${fd}`})
  return buf
}

export function tcsetattr(fd: number, modes: Buffer): void {
  checked('tcsetattr', calls().tcsetattr(fd, TCSANOW, modes), {path: `fd ${fd}`})
}

/** Modes for reading single keys: no line editing, no echo, no signals from keys; one byte per read. */
export function rawKeyModes(saved: Buffer): Buffer {
  const m = Buffer.from(saved)
  m.writeUInt32LE(m.readUInt32LE(TERMIOS_LFLAG) & ~(ICANON | ECHO | ISIG), TERMIOS_LFLAG)
  m.writeUInt8(1, TERMIOS_CC + VMIN)
  m.writeUInt8(0, TERMIOS_CC + VTIME)
  return m
}

/** Become the terminal's foreground process group for a prompt; returns the group to give it back to. */
export function takeForeground(fd: number): number {
  const c = calls()
  const previous = c.tcgetpgrp(fd)
  const ours = c.getpgrp()
  if (previous !== ours) {
    c.signal(SIGTTOU, SIG_IGN) // a background group may take the terminal only with SIGTTOU ignored
    checked('tcsetpgrp', c.tcsetpgrp(fd, ours), {path: `fd ${fd}`})
  }
  return previous
}

export function giveForeground(fd: number, pgrp: number): void {
  if (pgrp > 0 && calls().tcgetpgrp(fd) !== pgrp) calls().tcsetpgrp(fd, pgrp)
}
