// The seccomp deny-list of the enforce floor (design section 4): the same for every profile.
import type {SeccompPlan} from './plan-types.js'

const EPERM = [
  'io_uring_setup', 'io_uring_enter', 'io_uring_register',
  'mount', 'umount2', 'mount_setattr', 'move_mount', 'open_tree', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'pivot_root',
  'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module',
  'bpf', 'perf_event_open', 'userfaultfd', 'add_key', 'request_key', 'keyctl',
  'open_by_handle_at', 'name_to_handle_at',
] as const

/** io_uring would bypass the supervisor and mounts could undo the overmounts; clone3 gets ENOSYS so libc falls back to clone. */
export function planSeccomp(): SeccompPlan {
  return {
    deny: [...EPERM.map((syscall) => ({syscall, errno: 'EPERM'})), {syscall: 'clone3', errno: 'ENOSYS'}],
    denyIoctls: ['TIOCSTI', 'TIOCLINUX'],
  }
}
