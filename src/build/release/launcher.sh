#!/bin/sh
# hookkit launcher of a thin plugin (made by `hookkit release`): finds this platform's binary, fetching it
# once if needed, and runs it with the same arguments and stdin. Installed as bin/<name> next to
# bin/<name>-fetch (the fetcher) and bin/<name>.manifest (per target: file, size, sha256, asset, URLs).
#
# Where the binary comes from, first match wins:
#   1. bin/<name>-<target> inside the plugin (vendored by the author or seeded by an administrator);
#   2. $CLAUDE_PLUGIN_DATA/bin/<sha256>/<file>, then <hookkit state dir>/bin/<sha256>/<file>: content-addressed,
#      so a plugin update that keeps the binary downloads nothing and a changed binary never mixes with the old;
#   3. the fetcher, started in the background (one download per sha256 however many hooks start at once).
# Once found, a link $CLAUDE_PLUGIN_DATA/bin/<name>-<release> points at it. hooks.json tests and execs that link
# in the host's own shell, so a warm start does not run this script at all.
#
# While the binary is missing, a hook waits for a download that is making progress (up to its timeout less
# 2 s, at most 20 s), at most 1 s for one that has written nothing and 3 s past a stall. Then it answers by its
# fail policy: a fail-open hook answers nothing (exit 0), a fail-closed hook blocks (exit 2) with one line naming
# the cause and the fix.
# `<name> --session-start` (registered on SessionStart) tells the user once per session, as a systemMessage.

case $0 in */*) dir=${0%/*} ;; *) dir=. ;; esac
name=${0##*/}
hook=${1-}
manifest=$dir/$name.manifest

drain() { [ -t 0 ] || while IFS= read -r line || [ -n "$line" ]; do :; done; }

# @include platform.sh

# --- the manifest: the release id, this platform's target, this hook's policy ---
release= target= file= sha= asset= asset_size= url= policy=open event= timeout=
if [ -f "$manifest" ]; then
  while read -r kind a b c d e f g rest; do
    case $kind in
      release) release=$a ;;
      plugin) plugin=$a ;;
      target)
        [ -z "$target" ] || continue
        for t in $candidates; do
          [ "$t" = "$a" ] && target=$a file=$b sha=$d asset=$e asset_size=$f url=${rest%% *}
        done
        ;;
      hook) [ "$a" = "$hook" ] && event=$b policy=$c timeout=$d ;;
    esac
  done <"$manifest"
fi
plugin=${plugin:-$name}

data=
[ -n "${CLAUDE_PLUGIN_DATA-}" ] && data=$CLAUDE_PLUGIN_DATA/bin
if [ -n "${HOOKKIT_STATE_DIR-}" ]; then
  state=$HOOKKIT_STATE_DIR
elif [ -n "${XDG_STATE_HOME-}" ]; then
  state=$XDG_STATE_HOME/hookkit
else
  state=${HOME:-/nonexistent}/.local/state/hookkit
fi
store=${data:-$state/bin}
link=${data:+$data/$name-$release}

# Exec a found binary, leaving the link for hooks.json first (temp name + rename: parallel runs never see half a
# link). Windows never gets one: an MSYS symlink is a copy of the whole file.
run() {
  if [ -n "$link" ] && [ -n "$release" ] && [ "$os" != windows ] && ! [ "$link" -ef "$found" ]; then
    mkdir -p "$data" 2>/dev/null && ln -s "$found" "$link.$$" 2>/dev/null && mv -f "$link.$$" "$link" 2>/dev/null
    rm -f "$link.$$" 2>/dev/null
  fi
  exec "$found" "$@"
}

found=
for t in $candidates; do
  [ -x "$dir/$name-$t$exe" ] && [ -f "$dir/$name-$t$exe" ] && found=$dir/$name-$t$exe && break
done
if [ -z "$found" ] && [ -n "$sha" ]; then
  if [ -n "$data" ] && [ -x "$data/$sha/$file" ]; then
    found=$data/$sha/$file
  elif [ -x "$state/bin/$sha/$file" ]; then
    found=$state/bin/$sha/$file
  fi
fi

if [ -n "$found" ]; then
  case $hook in --session-start) drain; exit 0 ;; --fetch) exit 0 ;; esac
  run "$@"
fi

[ "$hook" = --fetch ] && { shift; exec sh "$dir/$name-fetch" "$@"; }

# --- the binary is missing ---
json_escape() {
  out= rest=$1
  while [ -n "$rest" ]; do
    c=${rest%"${rest#?}"}
    rest=${rest#?}
    case $c in \\ | '"') out="$out\\$c" ;; *) out="$out$c" ;; esac
  done
  printf '%s' "$out"
}

# A fetch is running when its lock exists and its owner is alive (a killed fetch leaves a lock; the next one takes
# it over). A lock without a pid is being taken right now, unless it is over a minute old (killed in between).
fetching() {
  [ -d "$store/$sha.lock" ] || return 1
  owner=
  [ -f "$store/$sha.lock/pid" ] && read -r owner <"$store/$sha.lock/pid" 2>/dev/null
  if [ -z "$owner" ]; then
    [ -z "$(find "$store/$sha.lock" -maxdepth 0 -mmin +1 2>/dev/null)" ]
  else
    kill -0 "$owner" 2>/dev/null
  fi
}

mb() { echo "$(( (${1:-0} + 524288) / 1048576 )) MB"; }

# Why the binary is missing and what fixes it, from what the fetcher left in the store.
explain() {
  if [ ! -f "$manifest" ]; then
    cause="the plugin has no $name.manifest" fix="reinstall the plugin"
  elif [ -z "$target" ]; then
    cause="this release has no binary for $platform" fix="ask the plugin author for a $platform build"
  elif fetching; then
    cause="its $platform binary ($(mb "$asset_size")) is still downloading" fix="they start working when it is done"
  elif [ -f "$store/$sha.failed" ]; then
    read -r _next _count why <"$store/$sha.failed"
    cause="its $platform binary could not be fetched ($why)"
    fix="check the network (HTTPS_PROXY, HOOKKIT_CA_BUNDLE), or download $url and run: sh '$dir/$name-fetch' --from <file>"
  else
    cause="its $platform binary is not installed yet" fix="start a new session, or run: sh '$dir/$name-fetch'"
  fi
}

# Start the fetcher unless a download runs or the last failure's back-off is not over (except at session start:
# one attempt per new session is not a storm, and it may follow a fixed network). setsid, where it exists, keeps
# the download alive when the host ends this hook's process group.
waiting=
if [ -n "$sha" ] && ! fetching; then
  due=
  if [ "$hook" != --session-start ] && [ -f "$store/$sha.failed" ]; then
    read -r next _rest <"$store/$sha.failed"
    case $next in '' | *[!0-9]*) ;; *) [ "$(date +%s)" -ge "$next" ] || due=no ;; esac
  fi
  if [ -z "$due" ]; then
    waiting=1
    if command -v setsid >/dev/null 2>&1; then
      setsid sh "$dir/$name-fetch" --target "$target" --quiet </dev/null >/dev/null 2>&1 &
    else
      sh "$dir/$name-fetch" --target "$target" --quiet </dev/null >/dev/null 2>&1 &
    fi
  fi
elif [ -n "$sha" ]; then
  waiting=1
fi

# Wait: every 0.1 s, while the fetcher holds its lock. After 1 s only a download whose files keep changing is
# waited for (3 s without a change ends the wait: a stalled server); the budget is the hook's timeout less 2 s,
# at most 20 s (1 s at session start).
if [ -n "$waiting" ]; then
  budget=200
  case ${timeout:-} in '' | *[!0-9]*) ;; *) [ "$timeout" -lt 22 ] && budget=$(( (timeout - 2) * 10 )) ;; esac
  [ "$hook" = --session-start ] && budget=10
  ticks=0 still=0 last=
  sleep 0.1 2>/dev/null || sleep 1
  while [ "$ticks" -lt "$budget" ]; do
    [ -x "$store/$sha/$file" ] && { found=$store/$sha/$file; break; }
    fetching || { [ "$ticks" -lt 3 ] || break; }
    if [ "$ticks" -ge 10 ] && [ $((ticks % 10)) -eq 0 ]; then
      now=$(wc -c "$store/.$sha".* 2>/dev/null)
      [ -n "$now" ] || break
      if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; fi
      [ "$still" -lt 3 ] || break
      last=$now
    fi
    sleep 0.1 2>/dev/null || { sleep 1; ticks=$((ticks + 9)); }
    ticks=$((ticks + 1))
  done
  [ -n "$found" ] || { [ -x "$store/$sha/$file" ] && found=$store/$sha/$file; }
  if [ -n "$found" ]; then
    case $hook in --session-start) drain; exit 0 ;; esac
    run "$@"
  fi
fi

explain
drain
if [ "$hook" = --session-start ]; then
  printf '{"systemMessage":"%s"}\n' "$(json_escape "$plugin: its hooks are inactive (guards block) because $cause; $fix.")"
  exit 0
fi
if [ "$policy" = closed ]; then
  echo "$plugin: hook '$hook' blocked because $cause; $fix." >&2
  exit 2
fi
echo "$plugin: hook '$hook' skipped because $cause; $fix." >&2
exit 0
