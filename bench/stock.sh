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
source bench/lib.sh
bench_database "stock-$DEALERS-$UNITS" --scale stock --dealers "$DEALERS" --units "$UNITS"
bench_serve
EXEC=$(token exec)
MODEL=$(curl -fs "$URL/api/v1/catalog/models?q=dama" -H "Authorization: Bearer $EXEC" | python3 -c 'import sys,json; print(json.load(sys.stdin)["data"][0]["id"])')
TOTAL=$(curl -fs "$URL/api/v1/stock/network" -H "Authorization: Bearer $EXEC" | python3 -c 'import sys,json; t=json.load(sys.stdin)["total"]; print(t["in_stock"]+t["in_transit"]+t["reserved"])')
echo "== $DEALERS generated dealers × $UNITS units (+ the demo network): $TOTAL units in stock or on the way; database: $(bench_kind); OEM executive's scope; wrk 2 threads, $DURATION"
run "network stock view (API), 2 conn." "p99 < 50 ms" "/api/v1/stock/network" "$EXEC" 2
run "network stock view (HTML page), 2 conn." "p99 < 50 ms" "/stock/network" "$EXEC" 2
run "find matching unit, whole network, 2 conn." "p99 < 100 ms" "/api/v1/vehicles/match?model_id=$MODEL&trim=TOP&engine=EV&colour=RED&options=ROOF,NAV" "$EXEC" 2
run "vehicle list, oldest stock first, 2 conn." "(reference)" "/api/v1/vehicles?stock=true&sort=oldest_stock" "$EXEC" 2
run "network stock view (API), 16 conn." "(throughput)" "/api/v1/stock/network" "$EXEC" 16
