// prctl(2) options landjail uses (include/uapi/linux/prctl.h).
import {checked} from './errno.js'
import {libc} from './libc.js'

export const PR_SET_PDEATHSIG = 1
export const PR_SET_DUMPABLE = 4
export const PR_CAPBSET_READ = 23
export const PR_CAPBSET_DROP = 24
export const PR_SET_NO_NEW_PRIVS = 38
export const PR_GET_NO_NEW_PRIVS = 39
export const PR_CAP_AMBIENT = 47
export const PR_CAP_AMBIENT_CLEAR_ALL = 4

/** PR_SET_NO_NEW_PRIVS: execve can no longer grant privileges; needed for seccomp and Landlock without CAP_SYS_ADMIN. */
export function setNoNewPrivs(): void {
  checked('prctl(PR_SET_NO_NEW_PRIVS)', libc().prctl(PR_SET_NO_NEW_PRIVS, 'unsigned long', 1, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0))
}

/** PR_GET_NO_NEW_PRIVS. */
export function getNoNewPrivs(): boolean {
  return checked('prctl(PR_GET_NO_NEW_PRIVS)', libc().prctl(PR_GET_NO_NEW_PRIVS, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0)) === 1
}

/** PR_SET_DUMPABLE (0 keeps other processes of the same uid from ptracing or reading our memory until execve). */
export function setDumpable(dumpable: boolean): void {
  checked('prctl(PR_SET_DUMPABLE)', libc().prctl(PR_SET_DUMPABLE, 'unsigned long', dumpable ? 1 : 0, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0))
}

/** PR_SET_PDEATHSIG: `signal` is sent to us when our parent thread exits. */
export function setParentDeathSignal(signal: number): void {
  checked('prctl(PR_SET_PDEATHSIG)', libc().prctl(PR_SET_PDEATHSIG, 'unsigned long', signal, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0))
}
