// Every directive Firejail 0.9.72 accepts in a profile, and what landjail does with it.

/**
 * - `path`: a filesystem directive the parser turns into rules or private directories.
 * - `control`: changes how later lines are read (include, ignore, noblacklist, nowhitelist).
 * - `enforced`: landjail enforces it with a setting (net none, rmenv, private-dev, ...).
 * - `floor`: enforced by what every landjail sandbox always does (no_new_privs, capabilities dropped,
 *   the seccomp deny-list, a fresh /dev without device nodes).
 * - `not-enforced`: recognised, reported once per run as "not enforced".
 */
export type DirectiveStatus = 'path' | 'control' | 'enforced' | 'floor' | 'not-enforced'

export interface DirectiveInfo {
  readonly status: DirectiveStatus
  /** Whether the directive takes an argument: required, optional or none. */
  readonly arg: 'required' | 'optional' | 'none'
  /** How landjail enforces it, or why it does not. */
  readonly note: string
}

const d = (status: DirectiveStatus, arg: DirectiveInfo['arg'], note: string): DirectiveInfo => ({status, arg, note})

const FLOOR_SECCOMP = 'the seccomp deny-list every landjail sandbox gets (mount, kexec, modules, bpf, keyctl, io_uring, ...) plus no_new_privs'
const FRESH_DEV = 'landjail always mounts a fresh minimal /dev (null, zero, random, tty, pts, shm): no device nodes of this kind exist in the sandbox'
const NO_NET_STACK = 'landjail does not configure network interfaces; only `net none` (an empty network namespace) is enforced'
const NO_DBUS_PROXY = 'landjail has no D-Bus proxy; the bus is reachable as any other socket the profile allows'
const NO_PRIVATE_COPY = 'landjail does not build a private copy of this directory; the host\'s is visible as the filesystem rules allow'

export const DIRECTIVES: Readonly<Record<string, DirectiveInfo>> = {
  // Filesystem: turned into rules.
  'blacklist': d('path', 'required', 'deny read, write and exec; the path is hidden'),
  'blacklist-nolog': d('path', 'required', 'as blacklist (landjail logs nothing for blacklists anyway)'),
  'whitelist': d('path', 'required', 'allow read and write (exec as the host allows) at the path; deny everything else under its top directory (home, /tmp, /var, /etc, /opt, /srv, /dev, /media, /mnt, /usr/share, /sys/module, /run/media, the user runtime dir)'),
  'whitelist-ro': d('path', 'required', 'as whitelist, then write denied at the path'),
  'read-only': d('path', 'required', 'deny write at the path and below'),
  'read-write': d('path', 'required', 'allow write at the path and below (cancels an earlier read-only of the same path)'),
  'noexec': d('path', 'required', 'deny exec at the path and below'),
  'tmpfs': d('path', 'required', 'the directory is replaced by an empty private tmpfs'),
  'private': d('path', 'optional', 'without argument: the home directory is replaced by an empty private tmpfs; with a directory argument (use it as home) not enforced'),
  'private-tmp': d('path', 'none', '/tmp is replaced by an empty private tmpfs'),
  'private-cache': d('path', 'none', '~/.cache is replaced by an empty private tmpfs'),
  'disable-mnt': d('path', 'none', 'blacklist /mnt, /media, /run/mount and /run/media'),
  'mkdir': d('not-enforced', 'required', 'landjail does not create directories before the sandbox starts; create them once by hand if a whitelist needs them'),
  'mkfile': d('not-enforced', 'required', 'landjail does not create files before the sandbox starts'),

  // How the file is read.
  'include': d('control', 'required', 'the file is read in place: ~/.config/firejail, /etc/firejail, then the including file\'s directory; a missing .local is skipped'),
  'ignore': d('control', 'required', 'later lines starting with the given text are skipped'),
  'noblacklist': d('control', 'required', 'later blacklist lines matching the path are skipped'),
  'nowhitelist': d('control', 'required', 'later whitelist lines matching the path are skipped'),

  // Enforced with a setting.
  'net': d('enforced', 'required', '`net none`: own empty network namespace; `net INTERFACE` is not enforced (' + NO_NET_STACK + ')'),
  'rmenv': d('enforced', 'required', 'the variable is removed before the program starts'),
  'private-dev': d('floor', 'none', FRESH_DEV),
  'dbus-user': d('enforced', 'required', '`dbus-user none`: the session bus socket ${RUNUSER}/bus is blacklisted; `filter` is not enforced (' + NO_DBUS_PROXY + ')'),
  'dbus-system': d('enforced', 'required', '`dbus-system none`: /run/dbus (the system bus socket) is blacklisted; `filter` is not enforced (' + NO_DBUS_PROXY + ')'),

  // Enforced by the floor every sandbox gets.
  'seccomp': d('floor', 'optional', FLOOR_SECCOMP + '; the exact syscall list given is not applied'),
  'seccomp.drop': d('floor', 'required', FLOOR_SECCOMP + '; the syscalls listed are not added to it'),
  'seccomp.keep': d('not-enforced', 'required', 'landjail applies its own deny-list, not an allow-list'),
  'seccomp.32': d('floor', 'optional', FLOOR_SECCOMP),
  'seccomp.32.drop': d('floor', 'required', FLOOR_SECCOMP + '; the syscalls listed are not added to it'),
  'seccomp.32.keep': d('not-enforced', 'required', 'landjail applies its own deny-list, not an allow-list'),
  'seccomp.block-secondary': d('not-enforced', 'none', 'landjail does not block the secondary (32-bit) architecture'),
  'seccomp-error-action': d('not-enforced', 'required', 'landjail answers denied syscalls with EPERM'),
  'nonewprivs': d('floor', 'none', 'no_new_privs is always set'),
  'caps': d('floor', 'none', 'all capabilities are always dropped'),
  'caps.drop': d('floor', 'required', 'all capabilities are always dropped'),
  'caps.keep': d('floor', 'required', 'all capabilities are always dropped (stricter than keeping some)'),
  'noroot': d('floor', 'none', 'the program runs as the invoking user with no capabilities; no user namespace maps it to root'),
  'nodvd': d('floor', 'none', FRESH_DEV),
  'notv': d('floor', 'none', FRESH_DEV),
  'nou2f': d('floor', 'none', FRESH_DEV),
  'novideo': d('floor', 'none', FRESH_DEV),
  'noinput': d('floor', 'none', FRESH_DEV),
  'no3d': d('floor', 'none', FRESH_DEV),
  'restrict-namespaces': d('not-enforced', 'optional', 'landjail does not restrict user namespace creation'),

  // Recognised, not enforced.
  'allow-debuggers': d('not-enforced', 'none', 'ptrace is not specially handled'),
  'allusers': d('not-enforced', 'none', 'landjail does not hide other users\' home directories beyond the filesystem rules'),
  'apparmor': d('not-enforced', 'optional', 'landjail does not load AppArmor profiles'),
  'apparmor-replace': d('not-enforced', 'none', 'landjail does not load AppArmor profiles'),
  'apparmor-stack': d('not-enforced', 'none', 'landjail does not load AppArmor profiles'),
  'bind': d('not-enforced', 'required', 'landjail does not bind-mount one path over another on request'),
  'cpu': d('not-enforced', 'required', 'no CPU affinity'),
  'dbus-system.broadcast': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-system.call': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-system.own': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-system.see': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-system.talk': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-user.broadcast': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-user.call': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-user.own': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-user.see': d('not-enforced', 'required', NO_DBUS_PROXY),
  'dbus-user.talk': d('not-enforced', 'required', NO_DBUS_PROXY),
  'defaultgw': d('not-enforced', 'required', NO_NET_STACK),
  'deterministic-exit-code': d('not-enforced', 'none', 'the program\'s own exit code is passed through'),
  'deterministic-shutdown': d('not-enforced', 'none', 'landjail ends the sandbox when the program ends'),
  'dns': d('not-enforced', 'required', NO_NET_STACK),
  'env': d('not-enforced', 'required', 'landjail does not set environment variables'),
  'hostname': d('not-enforced', 'required', 'no UTS namespace; the host name is the host\'s'),
  'hosts-file': d('not-enforced', 'required', NO_NET_STACK),
  'ip': d('not-enforced', 'required', NO_NET_STACK),
  'ip6': d('not-enforced', 'required', NO_NET_STACK),
  'iprange': d('not-enforced', 'required', NO_NET_STACK),
  'ipc-namespace': d('not-enforced', 'none', 'no IPC namespace (abstract unix sockets and signals are scoped by Landlock where the kernel can)'),
  'join-or-start': d('not-enforced', 'required', 'landjail starts a new sandbox each time'),
  'keep-config-pulse': d('not-enforced', 'none', 'landjail does not rewrite the PulseAudio configuration'),
  'keep-dev-shm': d('not-enforced', 'none', 'the fresh /dev has its own /dev/shm'),
  'keep-fd': d('not-enforced', 'required', 'landjail passes no file descriptor beyond stdio'),
  'keep-var-tmp': d('not-enforced', 'none', '/var/tmp is as the filesystem rules say'),
  'mac': d('not-enforced', 'required', NO_NET_STACK),
  'machine-id': d('not-enforced', 'none', 'the host\'s /etc/machine-id is visible'),
  'memory-deny-write-execute': d('not-enforced', 'none', 'no seccomp filter on mmap/mprotect protections'),
  'mtu': d('not-enforced', 'required', NO_NET_STACK),
  'name': d('not-enforced', 'required', 'sandboxes are named by their profile'),
  'netfilter': d('not-enforced', 'optional', NO_NET_STACK),
  'netfilter6': d('not-enforced', 'optional', NO_NET_STACK),
  'netlock': d('not-enforced', 'none', NO_NET_STACK),
  'netmask': d('not-enforced', 'required', NO_NET_STACK),
  'netns': d('not-enforced', 'required', NO_NET_STACK),
  'nice': d('not-enforced', 'required', 'no scheduling priority change'),
  'noautopulse': d('not-enforced', 'none', 'landjail does not rewrite the PulseAudio configuration'),
  'nodbus': d('not-enforced', 'none', 'deprecated in Firejail; use dbus-user none and dbus-system none'),
  'nogroups': d('not-enforced', 'none', 'supplementary groups are kept'),
  'noprinters': d('not-enforced', 'none', 'printer devices and the CUPS socket are as the filesystem rules say'),
  'nosound': d('not-enforced', 'none', 'the fresh /dev has no sound devices, but the sound server sockets (PulseAudio, PipeWire) stay reachable'),
  'private-bin': d('not-enforced', 'required', NO_PRIVATE_COPY),
  'private-cwd': d('not-enforced', 'optional', 'the working directory is kept'),
  'private-etc': d('not-enforced', 'optional', NO_PRIVATE_COPY),
  'private-home': d('not-enforced', 'required', NO_PRIVATE_COPY),
  'private-lib': d('not-enforced', 'optional', NO_PRIVATE_COPY),
  'private-opt': d('not-enforced', 'required', NO_PRIVATE_COPY),
  'private-srv': d('not-enforced', 'required', NO_PRIVATE_COPY),
  'protocol': d('not-enforced', 'required', 'socket address families are not filtered'),
  'quiet': d('not-enforced', 'none', 'landjail prints its warnings regardless'),
  'rlimit-as': d('not-enforced', 'required', 'no resource limits'),
  'rlimit-cpu': d('not-enforced', 'required', 'no resource limits'),
  'rlimit-fsize': d('not-enforced', 'required', 'no resource limits'),
  'rlimit-nofile': d('not-enforced', 'required', 'no resource limits'),
  'rlimit-nproc': d('not-enforced', 'required', 'no resource limits'),
  'rlimit-sigpending': d('not-enforced', 'required', 'no resource limits'),
  'shell': d('not-enforced', 'required', 'landjail never starts a shell itself; the program is executed directly'),
  'tab': d('not-enforced', 'none', 'no shell, so no tab completion to enable'),
  'timeout': d('not-enforced', 'required', 'the sandbox has no time limit'),
  'tracelog': d('not-enforced', 'none', 'blacklist violations are not logged to syslog'),
  'veth-name': d('not-enforced', 'required', NO_NET_STACK),
  'writable-etc': d('not-enforced', 'none', '/etc is as the filesystem rules say (writable only where the host allows)'),
  'writable-run-user': d('not-enforced', 'none', 'the runtime dir is as the filesystem rules say'),
  'writable-var': d('not-enforced', 'none', '/var is as the filesystem rules say'),
  'writable-var-log': d('not-enforced', 'none', '/var/log is as the filesystem rules say'),
  'x11': d('not-enforced', 'optional', 'no X11 server separation (xpra, xephyr, xvfb); `x11 none` does not hide the X11 sockets'),
  'xephyr-screen': d('not-enforced', 'required', 'no Xephyr'),
}

export const DIRECTIVE_NAMES: readonly string[] = Object.keys(DIRECTIVES)
