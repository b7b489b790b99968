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
source bench/lib.sh
bench_database "sales-$OPPS" --scale sales --opportunities "$OPPS"
bench_serve
REGIONAL=$(token regional1); MANAGER=$(token manager1)
COUNT=$(curl -fs "$URL/api/v1/opportunities/board" -H "Authorization: Bearer $REGIONAL" | python3 -c 'import sys,json; print(sum(c["count"] for c in json.load(sys.stdin)["data"]))')
echo "== $OPPS generated opportunities in Region North; the regional board counts $COUNT (won and lost: last 30 days); database: $(bench_kind); wrk 2 threads, $DURATION"
run "pipeline board, region (API), 2 conn." "p99 < 100 ms" "/api/v1/opportunities/board" "$REGIONAL" 2
run "pipeline board, dealer (API), 2 conn." "p99 < 100 ms" "/api/v1/opportunities/board" "$MANAGER" 2
run "stale opportunities, region (API), 2 conn." "(reference)" "/api/v1/opportunities?stale=true" "$REGIONAL" 2
run "pipeline board, region (API), 16 conn." "(throughput)" "/api/v1/opportunities/board" "$REGIONAL" 16
run "forecast vs target, region (API), 2 conn." "p99 < 100 ms" "/api/v1/reports/sales-forecast" "$REGIONAL" 2
run "forecast vs target, region (page), 2 conn." "p99 < 100 ms" "/sales/forecast" "$REGIONAL" 2
run "forecast vs target, dealer (API), 2 conn." "p99 < 100 ms" "/api/v1/reports/sales-forecast" "$MANAGER" 2
