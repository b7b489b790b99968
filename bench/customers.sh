#!/usr/bin/env bash
# Customer benchmarks on the OEM-scale dataset (issue 4), on SQLite (default) or PostgreSQL:
#   - customer search p99 by phone, e-mail, VIN, plate and name prefix (goal < 20 ms)
#   - the customer 360 page p99 (goal < 50 ms)
#   - lead intake with the duplicate check through the API (goal ≥ 5,000 leads/s)
#   - CSV import including dedupe (goal ≥ 100,000 rows/s), beside sqlite3 .import of the same file
#   bench/customers.sh [--customers 2000000] [--events 5] [--import-rows 200000] [--duration 10s] [--database postgres://…]
# The generated SQLite database is kept in .bench-data/ and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=2000000; EVENTS=5; ROWS=200000; DURATION=10s; CONNECTIONS=16; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) CUSTOMERS=$2; shift 2;; --events) EVENTS=$2; shift 2;; --import-rows) ROWS=$2; shift 2;;
    --duration) DURATION=$2; shift 2;; --connections) CONNECTIONS=$2; shift 2;; --database) DATABASE=$2; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
for tool in wrk sqlite3; do command -v $tool >/dev/null || { apt-get install -y -qq $tool >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq $tool >/dev/null; }; }; done
SCRATCH=${SWIFT_SCRATCH_PATH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" --product torque >/dev/null
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/torque
WORK=$(mktemp -d); PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
if [ -z "$DATABASE" ]; then
  mkdir -p .bench-data
  DATABASE=$PWD/.bench-data/oem-$CUSTOMERS-$EVENTS.sqlite
  if [ -f "$DATABASE.done" ] && [ ! -f "$DATABASE.owners" ]; then
    echo "Adding owned cars to the dataset of an earlier run (once)…" >&2
    ( cd "$WORK" && "$BIN" demo --scale owners --database "$DATABASE" ) >&2
    touch "$DATABASE.owners"
  fi
  if [ ! -f "$DATABASE.done" ]; then
    rm -f "$DATABASE"*
    echo "Generating $CUSTOMERS customers × $EVENTS timeline items into $DATABASE (once)…" >&2
    ( cd "$WORK" && "$BIN" demo --scale oem --customers "$CUSTOMERS" --events "$EVENTS" --database "$DATABASE" ) >&2
    touch "$DATABASE.done" "$DATABASE.owners"
  fi
else
  echo "Generating $CUSTOMERS customers × $EVENTS timeline items into PostgreSQL (it must start empty)…" >&2
  ( cd "$WORK" && "$BIN" demo --scale oem --customers "$CUSTOMERS" --events "$EVENTS" --database "$DATABASE" ) >&2
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port); URL="http://127.0.0.1:$P"
(cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning TORQUE_EXPORT_DIR="$WORK/exports" "$BIN" serve --port "$P" --database "$DATABASE" >"$WORK/torque.log" 2>&1) &
PIDS+=($!)
# The first start on an older dataset applies new migrations (minutes on millions of rows).
for i in $(seq 3000); do curl -fs "$URL/health" >/dev/null && break; sleep 0.2; done
curl -fs "$URL/health" >/dev/null || { echo "torque did not start:"; cat "$WORK/torque.log"; exit 1; }
TOKEN=$(curl -fs -X POST "$URL/api/v1/auth/token" -d '{"username":"admin","password":"torque-demo"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
SALES=$(curl -fs -X POST "$URL/api/v1/auth/token" -d '{"username":"sales1","password":"torque-demo"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
python3 bench/customers_lua.py "$URL" "$TOKEN" "$WORK" "$CUSTOMERS"
run() { # label goal-description lua-script token
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" -H "Authorization: Bearer $4" "$URL")
  local rps p99 errs; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-34s p99 %8s   %10s req/s   goal: %s%s\n' "$1" "$p99" "$rps" "$2" "${errs:+   non-2xx: $errs}"
  echo "$rps" > "$WORK/last.rps"
}
echo "== $CUSTOMERS customers, $EVENTS timeline items each; database: $([ "${DATABASE#postgres}" != "$DATABASE" ] && echo PostgreSQL || echo SQLite); wrk 2 threads, $CONNECTIONS connections, $DURATION"
run "search by phone (OEM admin)" "p99 < 20 ms" "$WORK/phone.lua" "$TOKEN"
run "search by e-mail (OEM admin)" "p99 < 20 ms" "$WORK/email.lua" "$TOKEN"
run "search by name prefix (OEM admin)" "p99 < 20 ms" "$WORK/name.lua" "$TOKEN"
run "search by name prefix (dealer)" "p99 < 20 ms" "$WORK/name.lua" "$SALES"
run "search by VIN (OEM admin)" "p99 < 20 ms" "$WORK/vin.lua" "$TOKEN"
run "search by plate (OEM admin)" "p99 < 20 ms" "$WORK/plate.lua" "$TOKEN"
run "customer 360 page (HTML)" "p99 < 50 ms" "$WORK/page.lua" "$TOKEN"
# Server time without a queue: one request at a time from each of two connections.
CONNECTIONS_SAVED=$CONNECTIONS; CONNECTIONS=2
run "search by name prefix, 2 conn." "p99 < 20 ms" "$WORK/name.lua" "$TOKEN"
run "customer 360 page, 2 conn." "p99 < 50 ms" "$WORK/page.lua" "$TOKEN"
CONNECTIONS=$CONNECTIONS_SAVED
run "lead intake with dedupe (API)" "≥ 5,000 leads/s" "$WORK/lead.lua" "$SALES"
# CSV import: a file of new people (and 1% already known), timed from upload to done.
python3 bench/customers_csv.py "$WORK/import.csv" "$CUSTOMERS" "$ROWS" "$(date +%s)"
START=$(date +%s.%N)
ID=$(curl -fs -X POST "$URL/api/v1/imports?filename=bench.csv&mode=valid_only" -H "Authorization: Bearer $SALES" --data-binary @"$WORK/import.csv" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
while :; do
  STATUS=$(curl -fs "$URL/api/v1/imports/$ID" -H "Authorization: Bearer $SALES" | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["status"], d["created_rows"], d["existing_rows"], d["error_rows"])')
  case "$STATUS" in done*|rejected*|failed*) break;; esac
  sleep 0.2
done
END=$(date +%s.%N)
SQ_START=$(date +%s.%N)
sqlite3 "$WORK/plain.sqlite" ".mode csv" ".import $WORK/import.csv people"
SQ_END=$(date +%s.%N)
python3 - "$ROWS" "$START" "$END" "$SQ_START" "$SQ_END" "$STATUS" <<'PY'
import sys
rows, s, e, qs, qe, status = int(sys.argv[1]), *map(float, sys.argv[2:6]), " ".join(sys.argv[6:])
ours, theirs = rows / (e - s), rows / (qe - qs)
print(f"{'CSV import incl. dedupe':34s} {ours:10,.0f} rows/s ({e - s:.1f} s; {status})   goal: ≥ 100,000 rows/s")
print(f"{'sqlite3 .import of the same file':34s} {theirs:10,.0f} rows/s   torque ÷ sqlite3 = {ours / theirs:.2f}")
PY
