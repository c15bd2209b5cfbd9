// node dist/bench/node-loop.js continue|carry REFERENCE PROGRAM ARGS: the floor of a supervisor loop written in Node.
// The program runs under `REFERENCE hand-over` (bench/c/ref-supervisor.c), which traps its opens and hands the
// listener over; this process then does for each call what the C reference does and nothing more (poll, receive,
// read the path, check the id, then continue; or, for carry, open the absolute path in the caller's root and install
// the fd with ADDFD + SEND), with landjail's own kernel bindings and preallocated buffers. The program's output (its
// timing) goes to this process's stdout; the exit status is the program's.
import {spawn} from 'node:child_process'
import {closeSync} from 'node:fs'
import {pollFds, POLLIN, receiveFd, unixSocketPair, writeFd} from '../src/kernel/fd-passing.js'
import {closeQuietly, O_CLOEXEC, openat2, RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS} from '../src/kernel/fs-at.js'
import {allocNotifBuffers, NOTIF_ARGS, NOTIF_NR, NOTIF_PID, notifAddfdSend, notifIdValid, notifRecv, notifSend, SECCOMP_USER_NOTIF_FLAG_CONTINUE} from '../src/kernel/notify.js'
import {ProcessMemoryReader} from '../src/kernel/process-memory.js'
import {seccompNotifSetFlags, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP} from '../src/kernel/seccomp.js'
import {SYSCALLS_X86_64 as NR} from '../src/kernel/syscalls.js'
import {openSandboxRoot} from '../src/supervisor/resolve-path.js'

function supervise(listener: number, carry: boolean): void {
  const bufs = allocNotifBuffers()
  let root = -1
  const memory = new ProcessMemoryReader()
  const pfd = Buffer.alloc(8)
  pfd.writeInt32LE(listener, 0)
  pfd.writeInt16LE(POLLIN, 4)
  for (;;) {
    pfd.writeInt16LE(0, 6)
    const n = pollFds(pfd, 1, -1)
    if (n === -4) continue // EINTR
    if (n < 0 || !(pfd.readInt16LE(6) & POLLIN)) return // the program is gone
    if (notifRecv(listener, bufs) < 0) continue
    bufs.notif.copy(bufs.id, 0, 0, 8)
    const tid = bufs.notif.readUInt32LE(NOTIF_PID)
    const pathArg = bufs.notif.readInt32LE(NOTIF_NR) === NR.open ? 0 : 1
    const path = memory.readCString(tid, bufs.notif, NOTIF_ARGS + 8 * pathArg)
    if (!notifIdValid(listener, bufs.id)) continue
    if (typeof path === 'number') {
      notifSend(listener, bufs, bufs.id, 0, path, 0)
    } else if (!carry) {
      notifSend(listener, bufs, bufs.id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE)
    } else {
      // The bench's program opens an absolute path with openat (O_RDONLY | O_CLOEXEC), as the C reference expects.
      if (root < 0) root = openSandboxRoot(tid)
      const flags = Number(bufs.notif.readBigInt64LE(NOTIF_ARGS + 8 * (pathArg + 1)))
      const fd = openat2(root, path, flags | O_CLOEXEC, 0, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)
      if (fd < 0) {
        notifSend(listener, bufs, bufs.id, 0, fd, 0)
        continue
      }
      notifAddfdSend(listener, bufs, bufs.id, fd, flags & O_CLOEXEC)
      closeQuietly(fd)
    }
  }
}

const [mode, reference, ...program] = process.argv.slice(2)
if ((mode !== 'continue' && mode !== 'carry') || !reference || program.length === 0) {
  process.stderr.write('usage: node-loop continue|carry REFERENCE PROGRAM ARGS\n')
  process.exit(2)
}
const [ours, theirs] = unixSocketPair()
const child = spawn(reference, ['hand-over', '3', '--', ...program], {stdio: ['ignore', 'inherit', 'inherit', theirs]})
closeSync(theirs)
const listener = receiveFd(ours)
if (listener === undefined) {
  process.stderr.write('node-loop: no listener\n')
  process.exit(1)
}
seccompNotifSetFlags(listener, BigInt(SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP))
writeFd(ours, Buffer.from('A'))
closeSync(ours)
supervise(listener, mode === 'carry')
child.once('close', (code) => process.exit(code ?? 1))
