#!/usr/bin/env bash
# Stock benchmarks (issue 5) on a generated network, on SQLite (default) or PostgreSQL:
#   - the network stock view (units by model × dealer, aging, 30-day sales) p99 (goal < 50 ms)
#   - "find a unit matching this configuration" over the whole network p99 (goal < 100 ms)
#   - the vehicle list, filtered and sorted by days in stock, p99 (no stated goal; shown for reference)
#   bench/stock.sh [--dealers 500] [--units 200] [--duration 10s] [--database postgres://…]
# The generated SQLite database is kept in .bench-data/ and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
DEALERS=500; UNITS=200; DURATION=10s; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dealers) DEALERS=$2; shift 2;; --units) UNITS=$2; shift 2;; --duration) DURATION=$2; shift 2;; --database) DATABASE=$2; shift 2;;
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
  DATABASE=$PWD/.bench-data/stock-$DEALERS-$UNITS.sqlite
  if [ ! -f "$DATABASE.done" ]; then
    rm -f "$DATABASE"*
    ( cd "$WORK" && "$BIN" demo --scale stock --dealers "$DEALERS" --units "$UNITS" --database "$DATABASE" ) >&2
    touch "$DATABASE.done"
  fi
else
  echo "Generating into PostgreSQL (it must start empty)…" >&2
  ( cd "$WORK" && "$BIN" demo --scale stock --dealers "$DEALERS" --units "$UNITS" --database "$DATABASE" ) >&2
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port); URL="http://127.0.0.1:$P"
(cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning "$BIN" serve --port "$P" --database "$DATABASE" >"$WORK/torque.log" 2>&1) &
PIDS+=($!)
for i in $(seq 3000); do curl -fs "$URL/health" >/dev/null && break; sleep 0.2; done
curl -fs "$URL/health" >/dev/null || { echo "torque did not start:"; cat "$WORK/torque.log"; exit 1; }
token() { curl -fs -X POST "$URL/api/v1/auth/token" -d "{\"username\":\"$1\",\"password\":\"torque-demo\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'; }
EXEC=$(token exec)
MODEL=$(curl -fs "$URL/api/v1/catalog/models?q=dama" -H "Authorization: Bearer $EXEC" | python3 -c 'import sys,json; print(json.load(sys.stdin)["data"][0]["id"])')
TOTAL=$(curl -fs "$URL/api/v1/stock/network" -H "Authorization: Bearer $EXEC" | python3 -c 'import sys,json; t=json.load(sys.stdin)["total"]; print(t["in_stock"]+t["in_transit"]+t["reserved"])')
run() { # label goal path connections
  local out; out=$(wrk -t2 -c"$4" -d"$DURATION" --latency -H "Authorization: Bearer $EXEC" "$URL$3")
  local rps p99 errs; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-44s p99 %8s   %10s req/s   goal: %s%s\n' "$1" "$p99" "$rps" "$2" "${errs:+   non-2xx: $errs}"
}
echo "== $DEALERS generated dealers × $UNITS units (+ the demo network): $TOTAL units in stock or on the way; database: $([ "${DATABASE#postgres}" != "$DATABASE" ] && echo PostgreSQL || echo SQLite); OEM executive's scope; wrk 2 threads, $DURATION"
run "network stock view (API), 2 conn." "p99 < 50 ms" "/api/v1/stock/network" 2
run "network stock view (HTML page), 2 conn." "p99 < 50 ms" "/stock/network" 2
run "find matching unit, whole network, 2 conn." "p99 < 100 ms" "/api/v1/vehicles/match?model_id=$MODEL&trim=TOP&engine=EV&colour=RED&options=ROOF,NAV" 2
run "vehicle list, oldest stock first, 2 conn." "(reference)" "/api/v1/vehicles?stock=true&sort=oldest_stock" 2
run "network stock view (API), 16 conn." "(throughput)" "/api/v1/stock/network" 16
