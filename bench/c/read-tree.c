/* read-tree DIR: open, read 4 KiB and close every regular file below DIR. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long files;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (type != FTW_F) return 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[4096];
  if (read(fd, buf, sizeof buf) >= 0) files++;
  close(fd);
  return 0;
}

/* Prints the file count and the nanoseconds the walk took, so launch cost stays out of the figure. */
int main(int argc, char **argv) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  if (nftw(argc > 1 ? argv[1] : "/usr", visit, 64, FTW_PHYS) != 0) return 1;
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%ld %lld\n", files, (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
  return 0;
}
