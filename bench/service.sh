#!/usr/bin/env bash
# Workshop benchmark (issue 7) on SQLite (default) or PostgreSQL: slot proposals for a workshop
# with 20 technicians, 10 bays and four weeks of bookings (goal p99 < 20 ms), and the network's
# workshop figures over 500 workshops and 5M repair-order lines (goal < 500 ms on PostgreSQL).
#   bench/service.sh [--workshops 500] [--lines 5000000] [--duration 10s] [--database postgres://…]
# The generated SQLite database is kept in .bench-data/ and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
SHOPS=500; LINES=5000000; DURATION=10s; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workshops) SHOPS=$2; shift 2;; --lines) LINES=$2; shift 2;; --duration) DURATION=$2; shift 2;; --database) DATABASE=$2; shift 2;;
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
  DATABASE=$PWD/.bench-data/service-$SHOPS-$LINES.sqlite
  if [ ! -f "$DATABASE.done" ]; then
    rm -f "$DATABASE"*
    ( cd "$WORK" && "$BIN" demo --scale service --workshops "$SHOPS" --lines "$LINES" --database "$DATABASE" ) >&2
    touch "$DATABASE.done"
  fi
else
  echo "Generating into PostgreSQL (it must start empty)…" >&2
  ( cd "$WORK" && "$BIN" demo --scale service --workshops "$SHOPS" --lines "$LINES" --database "$DATABASE" ) >&2
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port); URL="http://127.0.0.1:$P"
(cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning "$BIN" serve --port "$P" --database "$DATABASE" >"$WORK/torque.log" 2>&1) &
PIDS+=($!)
for i in $(seq 3000); do curl -fs "$URL/health" >/dev/null && break; sleep 0.2; done
curl -fs "$URL/health" >/dev/null || { echo "torque did not start:"; cat "$WORK/torque.log"; exit 1; }
token() { curl -fs -X POST "$URL/api/v1/auth/token" -d "{\"username\":\"$1\",\"password\":\"torque-demo\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'; }
EXEC=$(token exec); ADVISOR=$(token advisor1); MANAGER=$(token workshop1)
WMI1=$(curl -fs "$URL/api/v1/workshops" -H "Authorization: Bearer $ADVISOR" | python3 -c 'import sys,json; print([w["id"] for w in json.load(sys.stdin)["data"] if w["code"]=="W-MI1"][0])')
run() { # label goal path token connections
  local out; out=$(wrk -t2 -c"$5" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $4" "$URL$3")
  local rps p99 errs; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-50s p99 %8s   %10s req/s   goal: %s%s\n' "$1" "$p99" "$rps" "$2" "${errs:+   non-2xx: $errs}"
}
TODAY=$(date -u +%F); FROM=$(date -u -d '29 days ago' +%F); TO=$(date -u -d tomorrow +%F); YEAR=$(date -u -d '364 days ago' +%F)
echo "== $SHOPS generated workshops, $LINES repair-order lines over a year; W-MI1: 20 technicians, 10 bays, 4 weeks of bookings; database: $([ "${DATABASE#postgres}" != "$DATABASE" ] && echo PostgreSQL || echo SQLite); wrk 2 threads, $DURATION"
run "slot proposals, W-MI1, front brakes (kit), 2 conn." "p99 < 20 ms" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F" "$ADVISOR" 2
run "slot proposals, W-MI1, free text 60 min, 2 conn." "p99 < 20 ms" "/api/v1/service/slots?workshop_id=$WMI1&text=Noise&minutes=60&skill=brakes" "$ADVISOR" 2
run "slot proposals, W-MI1, 150 min: no gap (409)" "(worst case)" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F,ALIGN" "$ADVISOR" 2
run "slot proposals, W-MI1, front brakes, 16 conn." "(throughput)" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F" "$ADVISOR" 16
run "network workshop figures, 30 days (API), 2 conn." "< 500 ms" "/api/v1/reports/workshop-kpis?from=$FROM&to=$TO" "$EXEC" 2
run "network workshop figures, 365 days (API), 2 conn." "(reference)" "/api/v1/reports/workshop-kpis?from=$YEAR&to=$TO" "$EXEC" 2
run "network workshop figures, 30 days (page), 2 conn." "< 500 ms" "/service/kpis?from=$FROM&to=$TO" "$EXEC" 2
run "one workshop's figures, 30 days (API), 2 conn." "(reference)" "/api/v1/reports/workshop-kpis?from=$FROM&to=$TO" "$MANAGER" 2
