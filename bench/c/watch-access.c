// Open PATH for reading about every 200 us; print "<CLOCK_REALTIME us> ok|denied" each time the outcome changes.
// The live-edit benchmark saves the profile and reads the time the change showed inside the sandbox.
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: watch-access PATH\n");
    return 2;
  }
  int last = -1;
  for (;;) {
    int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0;
    if (ok) close(fd);
    if (ok != last) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      printf("%lld %s\n", (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000, ok ? "ok" : "denied");
      fflush(stdout);
      last = ok;
    }
    usleep(200);
  }
}
