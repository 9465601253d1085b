/*
 * A stand-in Windows Python for ensure-python under Wine (no real Windows Python runs there), compiled with
 * mingw-w64 at test time. It answers the hook's steps the way CPython on Windows would, enough to walk the
 * Windows code paths: the discovery probe ("M.m", then sys.executable, CRLF line ends from the C runtime's text
 * mode), the system probe's JSON, `-m venv --clear <dir>` (Scripts\python.exe, pyvenv.cfg, Lib\site-packages),
 * `-m pip install` (a dist-info folder and an "importable" mark) and the venv's import check.
 * Built as py.exe it is the `py` launcher: only `py -3 …` works, and it reports FAKE_EXECUTABLE as sys.executable
 * (the interpreter the real launcher would have started). FAKE_VERSION: the version it reports. FAKE_LOG (a Windows path) gets one line per
 * start: the program's own path and its arguments, the code after -c as <code>.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static char self[MAX_PATH];

static void dir_of(const char *path, char *out) {
  strcpy(out, path);
  char *cut = strrchr(out, '\\');
  if (cut) *cut = 0;
}

static int exists(const char *path) { return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES; }

static void touch(const char *path) {
  FILE *f = fopen(path, "w");
  if (f) fclose(f);
}

int main(int argc, char **argv) {
  GetModuleFileNameA(NULL, self, MAX_PATH);
  const char *log = getenv("FAKE_LOG");
  if (log && *log) {
    FILE *f = fopen(log, "a");
    if (f) {
      fputs(self, f);
      for (int i = 1; i < argc; i++) fprintf(f, " %s", strcmp(argv[i - 1], "-c") == 0 ? "<code>" : argv[i]);
      fputc('\n', f);
      fclose(f);
    }
  }
  char name[MAX_PATH];
  const char *base = strrchr(self, '\\');
  strcpy(name, base ? base + 1 : self);
  int first = 1;
  if (_stricmp(name, "py.exe") == 0) {
    if (argc < 2 || strcmp(argv[1], "-3") != 0) return 103;
    first = 2;
  }
  char here[MAX_PATH], venv[MAX_PATH], path[MAX_PATH];
  dir_of(self, here);
  dir_of(here, venv); /* the venv root when this is <venv>\Scripts\python.exe */
  if (argc > first + 1 && strcmp(argv[first], "-c") == 0) {
    const char *code = argv[first + 1];
    if (strstr(code, "version_info")) {
      const char *version = getenv("FAKE_VERSION");
      const char *executable = getenv("FAKE_EXECUTABLE"); /* what the py launcher reports: the interpreter it ran */
      printf("%s\n%s\n", version && *version ? version : "3.12", executable && *executable ? executable : self);
      if (strstr(code, "find_spec")) printf("{\"found\": false, \"path\": []}\n");
      return 0;
    }
    if (strstr(code, "import_module")) {
      snprintf(path, sizeof path, "%s\\importable", venv);
      if (exists(path)) return 0;
      fprintf(stderr, "ModuleNotFoundError: No module named '%s'\n", argc > first + 2 ? argv[first + 2] : "?");
      return 1;
    }
  }
  if (argc > first + 1 && strcmp(argv[first], "-m") == 0 && strcmp(argv[first + 1], "venv") == 0) {
    const char *target = argv[argc - 1];
    CreateDirectoryA(target, NULL);
    snprintf(path, sizeof path, "%s\\Scripts", target);
    CreateDirectoryA(path, NULL);
    snprintf(path, sizeof path, "%s\\Lib", target);
    CreateDirectoryA(path, NULL);
    snprintf(path, sizeof path, "%s\\Lib\\site-packages", target);
    CreateDirectoryA(path, NULL);
    snprintf(path, sizeof path, "%s\\pyvenv.cfg", target);
    touch(path);
    snprintf(path, sizeof path, "%s\\Scripts\\python.exe", target);
    if (!CopyFileA(self, path, FALSE)) {
      fprintf(stderr, "Error: could not copy the interpreter to %s\n", path);
      return 1;
    }
    return 0;
  }
  if (argc > first + 1 && strcmp(argv[first], "-m") == 0 && strcmp(argv[first + 1], "pip") == 0) {
    char project[MAX_PATH], dist[MAX_PATH];
    strcpy(project, argv[argc - 1]);
    for (char *c = project; *c; c++)
      if (*c == '-') *c = '_'; /* dist-info names escape "-" in the project name */
    snprintf(dist, sizeof dist, "%s\\Lib\\site-packages\\%s-0.1.0.dist-info", venv, project);
    CreateDirectoryA(dist, NULL);
    snprintf(path, sizeof path, "%s\\METADATA", dist);
    touch(path);
    snprintf(path, sizeof path, "%s\\importable", venv);
    touch(path);
    return 0;
  }
  fprintf(stderr, "fake python: unexpected arguments\n");
  return 2;
}
