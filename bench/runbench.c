/*
 * runbench: whole-process start-up timing with piped stdin and stdout, as Claude Code runs a hook.
 * For each run: fork, exec (no shell), write the event to the child's stdin and close it, drain its stdout,
 * wait. Variants are interleaved round-robin so drift (other load, CPU frequency) hits all of them alike.
 *
 * usage: runbench <spec-file> <warmup-rounds> <rounds>
 * spec: one directive per line, a variant starts at "V":
 *   V <name>      I <stdin file>      D <cwd>      E <KEY=VALUE> (environment, replaces the parent's)      A <argv item>
 *   X <file>      drop the file's pages from the page cache before each run (a first run after install)
 * output: one line per measured run: "<variant index> <nanoseconds> <exit status>"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_VARIANTS 64
#define MAX_ITEMS 256

struct variant {
  char *name, *cwd, *input, *evict;
  size_t input_len;
  char *argv[MAX_ITEMS];
  char *envp[MAX_ITEMS];
  int argc, envc;
};

static struct variant v[MAX_VARIANTS];
static int nv;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n + 1);
  if (fread(buf, 1, n, f) != (size_t)n) { perror(path); exit(2); }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void evict(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return;
  fdatasync(fd);
  posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  close(fd);
}

static int run_once(struct variant *x, int devnull, double *ns) {
  int in[2], out[2];
  char buf[65536];
  if (x->evict) evict(x->evict);
  if (pipe(in) || pipe(out)) { perror("pipe"); exit(2); }
  double t0 = now_ns();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0); dup2(out[1], 1); dup2(devnull, 2);
    close(in[0]); close(in[1]); close(out[0]); close(out[1]);
    if (x->cwd && chdir(x->cwd)) _exit(126);
    execve(x->argv[0], x->argv, x->envp);
    _exit(127);
  }
  close(in[0]); close(out[1]);
  size_t off = 0;
  while (off < x->input_len) {
    ssize_t w = write(in[1], x->input + off, x->input_len - off);
    if (w <= 0) break; /* the child may exit without reading: EPIPE is fine */
    off += (size_t)w;
  }
  close(in[1]);
  while (read(out[0], buf, sizeof buf) > 0) {}
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  *ns = now_ns() - t0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: runbench <spec-file> <warmup-rounds> <rounds>\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  FILE *spec = fopen(argv[1], "r");
  if (!spec) { perror(argv[1]); return 2; }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, spec)) > 0) {
    if (line[n - 1] == '\n') line[--n] = 0;
    if (n < 2) continue;
    char *val = strdup(line + 2);
    struct variant *x = nv ? &v[nv - 1] : NULL;
    switch (line[0]) {
      case 'V': if (nv == MAX_VARIANTS) return 2; x = &v[nv++]; x->name = val; x->input = ""; break;
      case 'I': x->input = slurp(val, &x->input_len); break;
      case 'D': x->cwd = val; break;
      case 'X': x->evict = val; break;
      case 'E': if (x->envc < MAX_ITEMS - 1) x->envp[x->envc++] = val; break;
      case 'A': if (x->argc < MAX_ITEMS - 1) x->argv[x->argc++] = val; break;
    }
  }
  int warmup = atoi(argv[2]), rounds = atoi(argv[3]);
  int devnull = open("/dev/null", O_WRONLY);
  for (int r = 0; r < warmup + rounds; r++) {
    for (int i = 0; i < nv; i++) {
      double ns;
      int status = run_once(&v[i], devnull, &ns);
      if (r >= warmup) printf("%d %.0f %d\n", i, ns, status);
    }
  }
  return 0;
}
