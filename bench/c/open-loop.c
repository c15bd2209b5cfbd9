/* open-loop FILE N: open (O_RDONLY) and close FILE N times, one trapped call each under a supervisor.
 * The first opens (a warm-up of 1,000, which also sees any prompt answered) happen before the timer. Prints N and the
 * nanoseconds the timed loop took, so launch cost and prompt time stay out of the figure. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int open_close(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  close(fd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  const char *path = argv[1];
  long n = strtol(argv[2], NULL, 10);
  for (int i = 0; i < 1000; i++) {
    if (open_close(path)) { perror(path); return 1; }
  }
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) {
    if (open_close(path)) { perror(path); return 1; }
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%ld %lld\n", n, (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
  return 0;
}
