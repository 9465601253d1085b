#!/bin/sh
# hookkit fetcher of a thin plugin: puts this platform's binary, verified, into the binary store.
#   sh bin/<name>-fetch                   download it (what the launcher does in the background)
#   sh bin/<name>-fetch --from <file>     install from a file you downloaded yourself (air-gapped machines):
#                                         the .gz asset, or the unpacked binary; either is checked against the manifest
# Options: --target <t> (default: this machine), --store <dir>, --quiet.
# Store: --store, else $CLAUDE_PLUGIN_DATA/bin, else <hookkit state dir>/bin (HOOKKIT_STATE_DIR, else
# $XDG_STATE_HOME/hookkit, else ~/.local/state/hookkit). The binary lands in <store>/<sha256>/<file>.
#
# Safety: one fetch per sha256 at a time (the directory <store>/<sha256>.lock, holding the owner's pid; a lock
# whose owner is gone is taken over). Downloads go to <store>/.<sha256>.<pid>.part, are checked (size, sha256),
# unpacked to .<sha256>.<pid>.bin, checked again (sha256 of the binary), made executable and only then renamed
# into place. A mismatch deletes the file: nothing unverified is ever executed or left under the final name.
# A failure is recorded in <store>/<sha256>.failed (the time of the next attempt, the count, the cause) so hooks
# back off (15 s, doubling, at most 1 h) instead of retrying on every call.
# Network: curl, else wget, whichever exists. Both honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lowercase too).
# A custom CA bundle (TLS-inspecting proxies): HOOKKIT_CA_BUNDLE, else SSL_CERT_FILE, else CURL_CA_BUNDLE.
# Exit: 0 installed (or already there), 1 failed, 3 another fetch is running, 4 refused (checksum mismatch).

case $0 in */*) dir=${0%/*} ;; *) dir=. ;; esac
name=${0##*/}
name=${name%-fetch}
manifest=$dir/$name.manifest

from= target= store= quiet=
while [ $# -gt 0 ]; do
  case $1 in
    --from) from=$2; shift ;;
    --target) target=$2; shift ;;
    --store) store=$2; shift ;;
    --quiet) quiet=1 ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$name-fetch: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
  [ $# -gt 0 ] && shift
done

say() { [ -n "$quiet" ] || echo "$name-fetch: $*" >&2; }
die() { say "$2"; exit "$1"; }

[ -f "$manifest" ] || die 1 "no manifest at $manifest"

if [ -z "$target" ]; then
  # @include platform.sh
  wanted=$candidates
else
  wanted=$target
fi

file= size= sha= asset= asset_size= asset_sha= urls=
while read -r kind a b c d e f g rest; do
  [ "$kind" = target ] && [ -z "$file" ] || continue
  for t in $wanted; do
    [ "$t" = "$a" ] && target=$a file=$b size=$c sha=$d asset=$e asset_size=$f asset_sha=$g urls=$rest
  done
done <"$manifest"
[ -n "$file" ] || die 1 "this release has no binary for ${wanted%% *}"

if [ -z "$store" ]; then
  if [ -n "${CLAUDE_PLUGIN_DATA-}" ]; then
    store=$CLAUDE_PLUGIN_DATA/bin
  elif [ -n "${HOOKKIT_STATE_DIR-}" ]; then
    store=$HOOKKIT_STATE_DIR/bin
  elif [ -n "${XDG_STATE_HOME-}" ]; then
    store=$XDG_STATE_HOME/hookkit/bin
  else
    store=${HOME:?}/.local/state/hookkit/bin
  fi
fi
final=$store/$sha/$file
[ -x "$final" ] && { say "$target binary already installed: $final"; exit 0; }
mkdir -p "$store" || die 1 "cannot create $store"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    set -- $(sha256sum <"$1")
  elif command -v shasum >/dev/null 2>&1; then
    set -- $(shasum -a 256 <"$1")
  else
    set -- $(openssl dgst -sha256 -r <"$1")
  fi
  printf '%s' "${1-}"
}

bytes() { set -- $(wc -c <"$1"); printf '%s' "${1-0}"; }

# --- the lock: one fetch per sha256; a lock whose owner died (SIGKILL, reboot) is taken over ---
lock=$store/$sha.lock
locked=
cleanup() {
  rm -f "$store/.$sha.$$.part" "$store/.$sha.$$.bin"
  [ -z "$locked" ] || rm -rf "$lock"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
for attempt in 1 2; do
  if mkdir "$lock" 2>/dev/null; then
    echo $$ >"$lock/pid"
    locked=1
    break
  fi
  owner=
  [ -f "$lock/pid" ] && read -r owner <"$lock/pid"
  # An empty pid file: its owner is between mkdir and the write, unless the lock is older than a minute.
  if [ -z "$owner" ]; then
    [ -n "$(find "$lock" -maxdepth 0 -mmin +1 2>/dev/null)" ] || die 3 "another fetch of $sha is starting"
  elif kill -0 "$owner" 2>/dev/null; then
    die 3 "another fetch (pid $owner) is downloading $file"
  fi
  # Stale: move it aside (rename is atomic; of two takers only one succeeds) and try once more.
  mv "$lock" "$lock.stale.$$" 2>/dev/null && rm -rf "$lock.stale.$$"
done
[ -n "$locked" ] || die 3 "another fetch holds $lock"
[ -x "$final" ] && { say "$target binary already installed: $final"; exit 0; }
# Leftovers of a killed fetch of this sha: only the lock holder writes them, and that is now us.
rm -f "$store/.$sha".*

part=$store/.$sha.$$.part
bin=$store/.$sha.$$.bin

failed() { # exit-code cause
  count=0
  [ -f "$store/$sha.failed" ] && read -r _next count _why <"$store/$sha.failed"
  case $count in '' | *[!0-9]*) count=0 ;; esac
  count=$((count + 1))
  delay=15 i=1
  while [ "$i" -lt "$count" ] && [ "$delay" -lt 3600 ]; do delay=$((delay * 2)) i=$((i + 1)); done
  [ "$delay" -gt 3600 ] && delay=3600
  echo "$(($(date +%s) + delay)) $count $2" >"$store/$sha.failed.$$" && mv -f "$store/$sha.failed.$$" "$store/$sha.failed"
  die "$1" "$2"
}

# Checks a candidate file: the asset (gzip) or, with --from, possibly the binary itself. Installs it or says why not.
install_from() { # file origin
  got=$(bytes "$1")
  if [ "$got" = "$asset_size" ] && [ "$(sha256 "$1")" = "$asset_sha" ]; then
    gzip -dc <"$1" >"$bin" 2>/dev/null || { rm -f "$bin"; why="$2 did not unpack"; return 4; }
  elif [ -n "$from" ] && [ "$got" = "$size" ] && [ "$(sha256 "$1")" = "$sha" ]; then
    cp "$1" "$bin" || { rm -f "$bin"; why="cannot copy $1"; return 1; }
  else
    why="$2 does not match the manifest (size $got, expected $asset_size; refused)"
    return 4
  fi
  if [ "$(bytes "$bin")" != "$size" ] || [ "$(sha256 "$bin")" != "$sha" ]; then
    rm -f "$bin"
    why="the binary unpacked from $2 does not match the manifest's sha256 (refused)"
    return 4
  fi
  chmod 755 "$bin" && mkdir -p "$store/$sha" && mv -f "$bin" "$final" || { why="cannot install into $store"; return 1; }
  return 0
}

if [ -n "$from" ]; then
  [ -f "$from" ] || die 1 "no file $from"
  install_from "$from" "$from" || { rc=$?; rm -f "$bin"; die "$rc" "$why"; }
  rm -f "$store/$sha.failed"
  say "installed $final (verified against the manifest)"
  exit 0
fi

# Proxies: curl reads https_proxy/HTTPS_PROXY but only lowercase http_proxy; wget only lowercase ones.
[ -n "${https_proxy-}" ] || [ -z "${HTTPS_PROXY-}" ] || export https_proxy="$HTTPS_PROXY"
[ -n "${http_proxy-}" ] || [ -z "${HTTP_PROXY-}" ] || export http_proxy="$HTTP_PROXY"
[ -n "${no_proxy-}" ] || [ -z "${NO_PROXY-}" ] || export no_proxy="$NO_PROXY"
ca=${HOOKKIT_CA_BUNDLE:-${SSL_CERT_FILE:-${CURL_CA_BUNDLE-}}}

download() { # url out
  if command -v curl >/dev/null 2>&1; then
    # -f: an HTTP error is a failure; a stalled transfer (under 1 KB/s for 30 s) is abandoned.
    if [ -n "$ca" ]; then
      curl -fsSL --connect-timeout 10 --speed-limit 1024 --speed-time 30 --max-filesize "$asset_size" --cacert "$ca" -o "$2" "$1" 2>"$2.err"
    else
      curl -fsSL --connect-timeout 10 --speed-limit 1024 --speed-time 30 --max-filesize "$asset_size" -o "$2" "$1" 2>"$2.err"
    fi
  elif command -v wget >/dev/null 2>&1; then
    if [ -n "$ca" ]; then
      wget -q -T 30 --ca-certificate="$ca" -O "$2" "$1" 2>"$2.err"
    else
      wget -q -T 30 -O "$2" "$1" 2>"$2.err"
    fi
  else
    echo "neither curl nor wget is installed" >"$2.err"
    return 127
  fi
}

why="no download URL"
rc=1
for url in $urls; do
  say "downloading $url"
  if download "$url" "$part"; then
    install_from "$part" "$url" && { rm -f "$part" "$part.err" "$store/$sha.failed"; say "installed $final"; exit 0; }
    rc=$?
  else
    err=
    [ -f "$part.err" ] && read -r err <"$part.err"
    why="$url: ${err:-download failed}"
    rc=1
  fi
  rm -f "$part" "$part.err" "$bin"
done
failed "$rc" "$why"
