/* ref-supervisor MODE -- PROGRAM ARGS: the smallest seccomp user-notification supervisor doing what landjail's does
 * for an open, the physical limit of supervise mode. The child traps open, openat and openat2 (SECCOMP_RET_USER_NOTIF),
 * hands the listener over a socketpair and execs PROGRAM; the parent answers every trapped call:
 *   continue  read the path (process_vm_readv), check the id is still valid, let the call through (FLAG_CONTINUE);
 *   carry     the same, then open the path itself with openat2 in the caller's root and install the fd in the caller
 *             with SECCOMP_IOCTL_NOTIF_ADDFD + SECCOMP_ADDFD_FLAG_SEND (the fd and the answer in one ioctl).
 * Like landjail it sets SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP and waits in poll(2). Exits with the program's status. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

static int install_filter(void) {
  struct sock_filter code[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1), /* x32 */
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 3, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_open, 2, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
  };
  struct sock_fprog prog = {.len = sizeof code / sizeof code[0], .filter = code};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return -1;
  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static int send_fd(int sock, int fd) {
  char byte = 'L', ctl[CMSG_SPACE(sizeof(int))] = {0};
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof fd);
  return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock) {
  char byte, ctl[CMSG_SPACE(sizeof(int))] = {0};
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
  if (recvmsg(sock, &msg, 0) != 1) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  if (!c || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

/* A NUL-terminated string of the caller, read in two pieces split at a page boundary (as landjail does). */
static int read_path(pid_t pid, uint64_t addr, char *out, size_t size) {
  size_t first = 4096 - (addr & 4095);
  if (first > size) first = size;
  struct iovec local = {.iov_base = out, .iov_len = size};
  struct iovec remote[2] = {{.iov_base = (void *)addr, .iov_len = first}, {.iov_base = (void *)(addr + first), .iov_len = size - first}};
  ssize_t n = process_vm_readv(pid, &local, 1, remote, size > first ? 2 : 1, 0);
  if (n <= 0) return -EFAULT;
  return memchr(out, 0, n) ? 0 : -ENAMETOOLONG;
}

/* Open the caller's path as it would have: absolute paths in its root, relative ones from its cwd or dirfd. */
static int open_for(pid_t pid, int *root, int dirfd, const char *path, struct open_how *how) {
  char link[64];
  int base;
  if (path[0] == '/') {
    if (*root < 0) {
      snprintf(link, sizeof link, "/proc/%d/root", pid);
      *root = open(link, O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (*root < 0) return -errno;
    }
    how->resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    int fd = syscall(SYS_openat2, *root, path, how, sizeof *how);
    return fd < 0 ? -errno : fd;
  }
  if (dirfd == AT_FDCWD) snprintf(link, sizeof link, "/proc/%d/cwd", pid);
  else snprintf(link, sizeof link, "/proc/%d/fd/%d", pid, dirfd);
  base = open(link, O_PATH | O_CLOEXEC);
  if (base < 0) return -errno;
  how->resolve = RESOLVE_NO_MAGICLINKS;
  int fd = syscall(SYS_openat2, base, path, how, sizeof *how);
  int err = errno;
  close(base);
  return fd < 0 ? -err : fd;
}

static int supervise(int listener, int carry) {
  static struct seccomp_notif req;
  static struct seccomp_notif_resp resp;
  static char path[4096];
  struct pollfd pfd = {.fd = listener, .events = POLLIN};
  int root = -1;
  for (;;) {
    if (poll(&pfd, 1, -1) < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (!(pfd.revents & POLLIN)) break; /* POLLHUP: no process is left under the filter */
    memset(&req, 0, sizeof req);
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) continue; /* the caller was killed meanwhile */
    memset(&resp, 0, sizeof resp);
    resp.id = req.id;
    int is_open = req.data.nr == SYS_open;
    int err = read_path(req.pid, req.data.args[is_open ? 0 : 1], path, sizeof path);
    /* What was read belongs to this caller only while the notification is still pending. */
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req.id)) continue;
    if (err) {
      resp.error = err;
    } else if (!carry) {
      resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    } else {
      struct open_how how = {0};
      if (req.data.nr == SYS_openat2) {
        struct iovec local = {.iov_base = &how, .iov_len = sizeof how};
        struct iovec remote = {.iov_base = (void *)req.data.args[2], .iov_len = sizeof how};
        if (process_vm_readv(req.pid, &local, 1, &remote, 1, 0) != sizeof how) err = -EFAULT;
      } else {
        how.flags = req.data.args[is_open ? 1 : 2];
        how.mode = req.data.args[is_open ? 2 : 3];
      }
      if (!(how.flags & (O_CREAT | __O_TMPFILE))) how.mode = 0;
      int cloexec = (how.flags & O_CLOEXEC) != 0;
      how.flags |= O_CLOEXEC;
      int fd = err ? err : open_for(req.pid, &root, is_open ? AT_FDCWD : (int)req.data.args[0], path, &how);
      if (fd >= 0) {
        struct seccomp_notif_addfd addfd = {.id = req.id, .flags = SECCOMP_ADDFD_FLAG_SEND, .srcfd = fd, .newfd_flags = cloexec ? O_CLOEXEC : 0};
        ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd); /* answers the call too; fails only if the caller is gone */
        close(fd);
        continue;
      }
      resp.error = fd;
    }
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
  }
  return 0;
}

/* hand-over SOCK -- PROGRAM: trap as above, send the listener on SOCK (an inherited unix socket), wait for one byte
 * of acknowledgement, then become PROGRAM. bench/node-loop.ts supervises it: the floor of a loop written in Node. */
static int hand_over(int sock, char **program) {
  int listener = install_filter();
  if (listener < 0) { perror("seccomp"); return 1; }
  char ack;
  if (send_fd(sock, listener) || read(sock, &ack, 1) != 1) { fprintf(stderr, "ref-supervisor: no supervisor took the listener\n"); return 1; }
  close(listener);
  close(sock);
  execv(program[0], program);
  perror("execv");
  return 127;
}

int main(int argc, char **argv) {
  if (argc >= 5 && strcmp(argv[1], "hand-over") == 0 && strcmp(argv[3], "--") == 0) return hand_over(atoi(argv[2]), argv + 4);
  if (argc < 4 || strcmp(argv[2], "--") != 0) {
    fprintf(stderr, "usage: ref-supervisor continue|carry -- PROGRAM ARGS\n       ref-supervisor hand-over SOCK -- PROGRAM ARGS\n");
    return 2;
  }
  int carry = strcmp(argv[1], "carry") == 0;
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) { perror("socketpair"); return 1; }
  pid_t child = fork();
  if (child < 0) { perror("fork"); return 1; }
  if (child == 0) {
    close(sv[0]);
    int listener = install_filter();
    if (listener < 0) { perror("seccomp"); _exit(1); }
    char ack;
    if (send_fd(sv[1], listener) || read(sv[1], &ack, 1) != 1) _exit(1);
    close(listener);
    execv(argv[3], argv + 3);
    perror("execv");
    _exit(127);
  }
  close(sv[1]);
  int listener = recv_fd(sv[0]);
  if (listener < 0) { fprintf(stderr, "ref-supervisor: no listener\n"); return 1; }
  if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP)) perror("SECCOMP_IOCTL_NOTIF_SET_FLAGS");
  if (write(sv[0], "A", 1) != 1) return 1;
  close(sv[0]);
  supervise(listener, carry);
  int status;
  if (waitpid(child, &status, 0) < 0) return 1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
