// x86_64 syscall numbers by name (arch/x86/entry/syscalls/syscall_64.tbl), for the calls landjail filters or makes.

export const SYSCALLS_X86_64 = {
  read: 0,
  write: 1,
  open: 2,
  close: 3,
  poll: 7,
  ioctl: 16,
  connect: 42,
  sendmsg: 46,
  recvmsg: 47,
  bind: 49,
  socketpair: 53,
  clone: 56,
  fork: 57,
  vfork: 58,
  execve: 59,
  kill: 62,
  fcntl: 72,
  truncate: 76,
  ftruncate: 77,
  rename: 82,
  mkdir: 83,
  rmdir: 84,
  creat: 85,
  link: 86,
  unlink: 87,
  symlink: 88,
  umask: 95,
  ptrace: 101,
  capget: 125,
  capset: 126,
  mknod: 133,
  pivot_root: 155,
  prctl: 157,
  mount: 165,
  umount2: 166,
  init_module: 175,
  delete_module: 176,
  tgkill: 234,
  kexec_load: 246,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  openat: 257,
  mkdirat: 258,
  mknodat: 259,
  unlinkat: 263,
  renameat: 264,
  linkat: 265,
  symlinkat: 266,
  readlinkat: 267,
  unshare: 272,
  eventfd2: 290,
  perf_event_open: 298,
  name_to_handle_at: 303,
  open_by_handle_at: 304,
  process_vm_readv: 310,
  finit_module: 313,
  renameat2: 316,
  seccomp: 317,
  kexec_file_load: 320,
  bpf: 321,
  execveat: 322,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  pidfd_open: 434,
  clone3: 435,
  close_range: 436,
  openat2: 437,
  pidfd_getfd: 438,
  mount_setattr: 442,
  landlock_create_ruleset: 444,
  landlock_add_rule: 445,
  landlock_restrict_self: 446,
} as const

export type SyscallName = keyof typeof SYSCALLS_X86_64

/** x32 syscalls are the x86_64 numbers with this bit set; a filter for x86_64 must refuse them. */
export const __X32_SYSCALL_BIT = 0x40000000

/** The number of a syscall by name; throws with the unknown name quoted. */
export function syscallNumber(name: string): number {
  const nr = (SYSCALLS_X86_64 as Record<string, number | undefined>)[name]
  if (nr === undefined) throw new Error(`unknown syscall "${name}" (not in the x86_64 table landjail knows)`)
  return nr
}

/** ioctl request numbers (asm-generic/ioctls.h) that a filter may refuse. */
export const IOCTLS = {
  TIOCSTI: 0x5412,
  TIOCLINUX: 0x541c,
} as const

/** The number of an ioctl request by name; throws with the unknown name quoted. */
export function ioctlNumber(name: string): number {
  const nr = (IOCTLS as Record<string, number | undefined>)[name]
  if (nr === undefined) throw new Error(`unknown ioctl request "${name}"`)
  return nr
}
