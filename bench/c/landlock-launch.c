/* landlock-launch: the minimal Landlock launcher, the physical limit of enforce mode.
 * Usage: landlock-launch HANDLED_MASK [PATH=MASK ...] -- PROGRAM ARGS
 * Masks are decimal LANDLOCK_ACCESS_FS_* bit sets. Order as in samples/landlock/sandboxer.c:
 * ruleset -> rules -> no_new_privs -> restrict_self -> exec. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  struct landlock_ruleset_attr attr = {.handled_access_fs = strtoull(argv[1], NULL, 10)};
  int ruleset = syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) { perror("landlock_create_ruleset"); return 1; }
  int i = 2;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    char *eq = strrchr(argv[i], '=');
    if (!eq) return 2;
    *eq = 0;
    struct landlock_path_beneath_attr rule = {.allowed_access = strtoull(eq + 1, NULL, 10)};
    rule.parent_fd = open(argv[i], O_PATH | O_CLOEXEC);
    if (rule.parent_fd < 0) continue;
    if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0)) { perror(argv[i]); return 1; }
    close(rule.parent_fd);
  }
  if (i + 1 >= argc) return 2;
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) { perror("prctl"); return 1; }
  if (syscall(SYS_landlock_restrict_self, ruleset, 0)) { perror("landlock_restrict_self"); return 1; }
  execv(argv[i + 1], argv + i + 1);
  perror("execv");
  return 127;
}
