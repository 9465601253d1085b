#!/bin/sh
# hookkit launcher: runs the prebuilt binary for this OS and CPU with the same arguments and stdin.
# Installed next to the binaries as bin/<name>; it looks for bin/<name>-<os>-<cpu>[-musl][.exe].
#
# The common path uses shell builtins only (no fork): a fork costs ~1.5 ms, a whole hook ~5 ms.
# - bash (macOS /bin/sh, bash-as-sh Linux, Git Bash/MSYS on Windows) sets $OSTYPE and $HOSTTYPE.
# - dash and busybox ash set neither: they use the link below, or ask `uname` once.
# The first run leaves a relative link bin/.<name>-current to the chosen binary. The generated hooks.json
# tests and execs that link in the host's own shell, so after the first run this script is not even started.
# A plugin folder shared by machines of different platforms must not keep that link (delete it).
# No binary for this platform: one line on stderr, exit 0, so the session goes on without this hook.

# One line on stderr, stdin drained (so the host never sees a broken pipe), exit 0: a hook that cannot start
# must not block the user's work.
skip() {
  echo "$name: $1; hook '$hook' skipped." >&2
  [ -t 0 ] || while IFS= read -r line || [ -n "$line" ]; do :; done
  exit 0
}

case $0 in */*) dir=${0%/*} ;; *) dir=. ;; esac
name=${0##*/}
hook=${1-}

link=$dir/.$name-current
# A shell without $OSTYPE and $HOSTTYPE (dash, ash) would ask `uname` below: the link an earlier run left is that
# answer already, with no fork. bash sets both, so there the choice is made afresh and a wrong link corrected.
{ [ -z "${OSTYPE-}" ] || [ -z "${HOSTTYPE-}" ]; } && [ -x "$link" ] && exec "$link" "$@"
# @include platform.sh

unexec=
for t in $candidates; do
  bin=$dir/$name-$t$exe
  [ -n "$os" ] && [ -n "$cpu" ] && [ -f "$bin" ] || continue
  [ -x "$bin" ] || { unexec=$bin; continue; }
  # Made (or corrected) once; temp name + rename so parallel first runs never see half a link. Symlinks on
  # MSYS are copies of a 100 MB file by default, so Windows never gets one.
  if [ "$os" != windows ] && ! [ "$link" -ef "$bin" ]; then
    ln -s "${bin##*/}" "$link.$$" 2>/dev/null && mv -f "$link.$$" "$link" 2>/dev/null
  fi
  exec "$bin" "$@"
done

# Archives and some copy tools drop the mode bits.
[ -z "$unexec" ] || skip "$unexec is not executable (lost its mode bits when copied or unpacked?); run: chmod +x \"$unexec\""
shipped=
for f in "$dir/$name"-*; do
  [ -f "$f" ] && shipped="$shipped ${f##*/$name-}"
done
skip "no prebuilt binary for ${os:-${OSTYPE:-unknown os}}-${cpu:-${HOSTTYPE:-unknown cpu}}${libc} in $dir (shipped:${shipped:- none}). Build one with 'hookkit build --target host' or ask the plugin author for this platform"
