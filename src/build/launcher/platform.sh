# --- platform: builtins where the shell offers them (bash), `uname` otherwise ---
os= cpu= libc= exe=
case ${OSTYPE-} in
  linux-musl*) os=linux libc=-musl ;;
  linux*) os=linux ;;
  darwin*) os=darwin ;;
  msys* | cygwin* | win32*) os=windows exe=.exe ;;
esac
case ${HOSTTYPE-} in
  x86_64 | amd64) cpu=x64 ;;
  aarch64 | arm64) cpu=arm64 ;;
esac
if [ -z "$os" ] || [ -z "$cpu" ]; then
  case $(uname -s 2>/dev/null) in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) os=windows exe=.exe ;;
  esac
  case $(uname -m 2>/dev/null) in
    x86_64 | amd64) cpu=x64 machine=x86_64 ;;
    aarch64 | arm64) cpu=arm64 machine=aarch64 ;;
  esac
  if [ "$os" = linux ] && [ -e "/lib/ld-musl-${machine-}.so.1" ] && [ ! -e /lib64/ld-linux-x86-64.so.2 ] &&
    [ ! -e /lib/ld-linux-aarch64.so.1 ]; then
    libc=-musl
  fi
fi
platform=${os:-unknown}-${cpu:-unknown}$libc
# Candidates in order: the exact build, the pre-AVX2 x64 build, x64 under emulation on Windows on ARM.
candidates="$platform"
[ "$cpu" = x64 ] && [ -z "$libc" ] && candidates="$candidates $os-x64-baseline"
[ "$os-$cpu" = windows-arm64 ] && candidates="$candidates windows-x64"
