#!/bin/sh
# The project's two entry points (see README):
#   sh dev.sh demo   install, build the binary for this machine, pipe a sample event through a hook
#   sh dev.sh test   install, run the whole test suite, end with "N passed, N failed"
# Works on a machine with only Node.js + npm (Bun comes from the npm package `bun`) and on one
# with only Bun.
set -eu
cd "$(dirname "$0")"

install_deps() {
  stamp=node_modules/.hookkit-installed
  if [ -f "$stamp" ] && [ ! package.json -nt "$stamp" ] && [ ! package-lock.json -nt "$stamp" ]; then return 0; fi
  if command -v npm >/dev/null 2>&1; then
    echo "dev.sh: installing dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund >&2
  elif command -v bun >/dev/null 2>&1; then
    echo "dev.sh: installing dependencies (bun install, versions from package-lock.json)" >&2
    bun install --no-save >&2
  else
    echo "dev.sh: need npm (Node.js) or bun on PATH to install dependencies" >&2
    exit 1
  fi
  touch "$stamp"
}

install_projects() {
  # npm ci (or bun install) in every folder matching "$1"/package-lock.json whose lockfile or
  # package.json changed since its last install; "$2" names what is installed, for the log.
  for lock in $1/package-lock.json; do
    [ -f "$lock" ] || continue
    dir=$(dirname "$lock")
    stamp="$dir/node_modules/.hookkit-installed"
    if [ -f "$stamp" ] && [ ! "$dir/package.json" -nt "$stamp" ] && [ ! "$lock" -nt "$stamp" ]; then continue; fi
    echo "dev.sh: installing $2 $dir" >&2
    if command -v npm >/dev/null 2>&1; then
      (cd "$dir" && npm ci --no-audit --no-fund) >&2
    else
      (cd "$dir" && "$BUN" install --no-save) >&2
    fi
    touch "$stamp"
  done
}

# The real agent CLIs the conformance suites run (test/hosts/<host>/package.json, pinned with a
# lockfile), each in its own folder so one host's install never moves another's.
install_host_clis() { install_projects 'test/hosts/*' "the host CLIs pinned in"; }

# The example plugins (plugins/<name>/) are projects of their own that depend on hookkit by path
# ("hookkit": "file:../.."), installed as an author installs theirs.
install_examples() { install_projects 'plugins/*' "the example plugin"; }

pick_bun() {
  # Prefer the pinned Bun from npm; fall back to a Bun already on the machine.
  if [ -x node_modules/.bin/bun ] && node_modules/.bin/bun --version >/dev/null 2>&1; then
    BUN="$PWD/node_modules/.bin/bun"
  elif [ -f node_modules/bun/install.js ] && command -v node >/dev/null 2>&1 && node node_modules/bun/install.js >/dev/null 2>&1 \
    && node_modules/.bin/bun --version >/dev/null 2>&1; then
    BUN="$PWD/node_modules/.bin/bun" # npm skipped bun's postinstall (allowScripts): run it once
  elif command -v bun >/dev/null 2>&1; then
    BUN=$(command -v bun)
  else
    echo "dev.sh: no working bun (neither node_modules/.bin/bun nor bun on PATH)" >&2
    exit 1
  fi
  export PATH="$(dirname "$BUN"):$PATH"
}

cmd=${1:-}
case "$cmd" in
  demo)
    install_deps
    pick_bun
    install_examples
    exec "$BUN" run scripts/demo.ts
    ;;
  test)
    install_deps
    pick_bun
    install_examples
    install_host_clis
    shift
    mkdir -p .tmp
    log=.tmp/test-output.txt
    status=0
    # Slow steps (compiling, real venvs) get a generous per-test budget on a loaded 2-core machine.
    "$BUN" test --timeout 60000 "$@" 2>&1 | tee "$log" || true
    # bun test's own exit status is lost in the pipe; the counts decide.
    passed=$(sed -n 's/^ *\([0-9][0-9]*\) pass$/\1/p' "$log" | tail -n 1)
    failed=$(sed -n 's/^ *\([0-9][0-9]*\) fail$/\1/p' "$log" | tail -n 1)
    passed=${passed:-0}
    failed=${failed:-0}
    if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then status=1; fi
    # Errors outside tests (a file that fails to load, an unhandled rejection) count as failures.
    if grep -q '^ *[0-9][0-9]* errors\{0,1\}$' "$log"; then status=1; fi
    echo "$passed passed, $failed failed"
    exit $status
    ;;
  *)
    echo "usage: sh dev.sh demo | sh dev.sh test [bun test args]" >&2
    exit 2
    ;;
esac
