# Shared by the bench/*.sh scripts (source it after `cd` to the repository): wrk, the release
# build, a generated database (SQLite kept in .bench-data/ and reused; PostgreSQL must start
# empty), the server on a free port, tokens, and one wrk run printed beside its goal.
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
SCRATCH=${SWIFT_SCRATCH_PATH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" --product torque >/dev/null
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/torque
WORK=$(mktemp -d); PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# bench_database NAME DEMO-ARGS…: sets DATABASE (a kept SQLite file unless --database was given).
bench_database() {
  local name=$1; shift
  if [ -z "$DATABASE" ]; then
    mkdir -p .bench-data
    DATABASE=$PWD/.bench-data/$name.sqlite
    if [ ! -f "$DATABASE.done" ]; then
      rm -f "$DATABASE"*
      ( cd "$WORK" && "$BIN" demo "$@" --database "$DATABASE" ) >&2
      touch "$DATABASE.done"
    fi
  else
    echo "Generating into PostgreSQL (it must start empty)…" >&2
    ( cd "$WORK" && "$BIN" demo "$@" --database "$DATABASE" ) >&2
  fi
}

bench_kind() { [ "${DATABASE#postgres}" != "$DATABASE" ] && echo PostgreSQL || echo SQLite; }

# bench_serve: starts the release server on $DATABASE; sets URL.
bench_serve() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  URL="http://127.0.0.1:$port"
  (cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning "$BIN" serve --port "$port" --database "$DATABASE" >"$WORK/torque.log" 2>&1) &
  PIDS+=($!)
  for i in $(seq 3000); do curl -fs "$URL/health" >/dev/null && break; sleep 0.2; done
  curl -fs "$URL/health" >/dev/null || { echo "torque did not start:"; cat "$WORK/torque.log"; exit 1; }
}

token() { curl -fs -X POST "$URL/api/v1/auth/token" -d "{\"username\":\"$1\",\"password\":\"torque-demo\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'; }

# run LABEL GOAL PATH TOKEN CONNECTIONS: p99 and requests/s of $DURATION of wrk.
run() {
  local out; out=$(wrk -t2 -c"$5" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $4" "$URL$3")
  local rps p99 errs; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-50s p99 %8s   %10s req/s   goal: %s%s\n' "$1" "$p99" "$rps" "$2" "${errs:+   non-2xx: $errs}"
}
