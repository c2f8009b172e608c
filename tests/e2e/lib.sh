# lib.sh - shared helpers of the end-to-end tests (sourced, not run).
# Environment: FAHRAS_BIN (the binary under test), FAHRAS_SRC (project root),
# optional FAHRAS_SHARED (the shared data folder; default $FAHRAS_SRC/../shared).
set -u
: "${FAHRAS_BIN:?set FAHRAS_BIN to the fahras binary}"
: "${FAHRAS_SRC:?set FAHRAS_SRC to the project root}"
export LC_ALL=C.UTF-8

TMP=$(mktemp -d /tmp/fahras-e2e-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# keep the user's own log files and default database out of the tests
export XDG_STATE_HOME="$TMP/state" XDG_DATA_HOME="$TMP/data"
PASSED=0
FAILED=0

shared_dir() { echo "${FAHRAS_SHARED:-$FAHRAS_SRC/../shared}"; }

# need_shared SUBPATH: skip (77) when absent, fail under CI=true.
need_shared() {
  local p; p="$(shared_dir)/$1"
  if [ ! -e "$p" ]; then
    if [ "${CI:-}" = "true" ]; then
      echo "FAIL: $p is absent, and CI=true requires the real-data tests to run"
      exit 1
    fi
    echo "SKIP: $p is absent (set FAHRAS_SHARED to the shared data folder)"
    exit 77
  fi
}

ok()   { PASSED=$((PASSED + 1)); echo "ok: $*"; }
bad()  { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

# check DESCRIPTION COMMAND...: the command must succeed
check() { local d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }

# ids DB LIMIT QUERY...: ids of the hits, best first, one per line
ids() {
  local db=$1 limit=$2; shift 2
  "$FAHRAS_BIN" search --db "$db" --json --limit "$limit" "$@" |
    jq -r 'select(.type == "hit") | .id'
}

# expect_exit CODE DESCRIPTION COMMAND...
expect_exit() {
  local want=$1 d=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok "$d (exit $got)"; else bad "$d: exit $got, wanted $want; stderr: $(head -c 300 "$TMP/err")"; fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
