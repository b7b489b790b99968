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
source bench/lib.sh
bench_database "service-$SHOPS-$LINES" --scale service --workshops "$SHOPS" --lines "$LINES"
bench_serve
EXEC=$(token exec); ADVISOR=$(token advisor1); MANAGER=$(token workshop1)
WMI1=$(curl -fs "$URL/api/v1/workshops" -H "Authorization: Bearer $ADVISOR" | python3 -c 'import sys,json; print([w["id"] for w in json.load(sys.stdin)["data"] if w["code"]=="W-MI1"][0])')
FROM=$(date -u -d '29 days ago' +%F); TO=$(date -u -d tomorrow +%F); YEAR=$(date -u -d '364 days ago' +%F)
echo "== $SHOPS generated workshops, $LINES repair-order lines over a year; W-MI1: 20 technicians, 10 bays, 4 weeks of bookings; database: $(bench_kind); wrk 2 threads, $DURATION"
run "slot proposals, W-MI1, front brakes (kit), 2 conn." "p99 < 20 ms" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F" "$ADVISOR" 2
run "slot proposals, W-MI1, free text 60 min, 2 conn." "p99 < 20 ms" "/api/v1/service/slots?workshop_id=$WMI1&text=Noise&minutes=60&skill=brakes" "$ADVISOR" 2
run "slot proposals, W-MI1, 150 min: no gap (409)" "(worst case)" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F,ALIGN" "$ADVISOR" 2
run "slot proposals, W-MI1, front brakes, 16 conn." "(throughput)" "/api/v1/service/slots?workshop_id=$WMI1&operations=BRK-F" "$ADVISOR" 16
run "network workshop figures, 30 days (API), 2 conn." "< 500 ms" "/api/v1/reports/workshop-kpis?from=$FROM&to=$TO" "$EXEC" 2
run "network workshop figures, 365 days (API), 2 conn." "(reference)" "/api/v1/reports/workshop-kpis?from=$YEAR&to=$TO" "$EXEC" 2
run "network workshop figures, 30 days (page), 2 conn." "< 500 ms" "/service/kpis?from=$FROM&to=$TO" "$EXEC" 2
run "one workshop's figures, 30 days (API), 2 conn." "(reference)" "/api/v1/reports/workshop-kpis?from=$FROM&to=$TO" "$MANAGER" 2
