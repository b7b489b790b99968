#!/usr/bin/env bash
# Pipeline benchmark (issue 6) on SQLite (default) or PostgreSQL: the board, the list and the
# forecast against target of a region holding many opportunities, p99 (goal < 100 ms).
#   bench/sales.sh [--opportunities 200000] [--duration 10s] [--database postgres://…]
# The generated SQLite database is kept in .bench-data/ and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
OPPS=200000; DURATION=10s; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --opportunities) OPPS=$2; shift 2;; --duration) DURATION=$2; shift 2;; --database) DATABASE=$2; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
SCRATCH=${SWIFT_SCRATCH_PATH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" --product torque >/dev/null
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/torque
WORK=$(mktemp -d); PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
if [ -z "$DATABASE" ]; then
  mkdir -p .bench-data
  DATABASE=$PWD/.bench-data/sales-$OPPS.sqlite
  if [ ! -f "$DATABASE.done" ]; then
    rm -f "$DATABASE"*
    ( cd "$WORK" && "$BIN" demo --scale sales --opportunities "$OPPS" --database "$DATABASE" ) >&2
    touch "$DATABASE.done"
  fi
else
  echo "Generating into PostgreSQL (it must start empty)…" >&2
  ( cd "$WORK" && "$BIN" demo --scale sales --opportunities "$OPPS" --database "$DATABASE" ) >&2
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port); URL="http://127.0.0.1:$P"
(cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning "$BIN" serve --port "$P" --database "$DATABASE" >"$WORK/torque.log" 2>&1) &
PIDS+=($!)
for i in $(seq 3000); do curl -fs "$URL/health" >/dev/null && break; sleep 0.2; done
curl -fs "$URL/health" >/dev/null || { echo "torque did not start:"; cat "$WORK/torque.log"; exit 1; }
token() { curl -fs -X POST "$URL/api/v1/auth/token" -d "{\"username\":\"$1\",\"password\":\"torque-demo\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'; }
REGIONAL=$(token regional1); MANAGER=$(token manager1)
COUNT=$(curl -fs "$URL/api/v1/opportunities/board" -H "Authorization: Bearer $REGIONAL" | python3 -c 'import sys,json; print(sum(c["count"] for c in json.load(sys.stdin)["data"]))')
run() { # label goal path token connections
  local out; out=$(wrk -t2 -c"$5" -d"$DURATION" --latency -H "Authorization: Bearer $4" "$URL$3")
  local rps p99 errs; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-46s p99 %8s   %10s req/s   goal: %s%s\n' "$1" "$p99" "$rps" "$2" "${errs:+   non-2xx: $errs}"
}
echo "== $OPPS generated opportunities in Region North; the regional board counts $COUNT (won and lost: last 30 days); database: $([ "${DATABASE#postgres}" != "$DATABASE" ] && echo PostgreSQL || echo SQLite); wrk 2 threads, $DURATION"
run "pipeline board, region (API), 2 conn." "p99 < 100 ms" "/api/v1/opportunities/board" "$REGIONAL" 2
run "pipeline board, dealer (API), 2 conn." "p99 < 100 ms" "/api/v1/opportunities/board" "$MANAGER" 2
run "stale opportunities, region (API), 2 conn." "(reference)" "/api/v1/opportunities?stale=true" "$REGIONAL" 2
run "pipeline board, region (API), 16 conn." "(throughput)" "/api/v1/opportunities/board" "$REGIONAL" 16
run "forecast vs target, region (API), 2 conn." "p99 < 100 ms" "/api/v1/reports/sales-forecast" "$REGIONAL" 2
run "forecast vs target, region (page), 2 conn." "p99 < 100 ms" "/sales/forecast" "$REGIONAL" 2
run "forecast vs target, dealer (API), 2 conn." "p99 < 100 ms" "/api/v1/reports/sales-forecast" "$MANAGER" 2
