#!/usr/bin/env bash
# Allocation benchmark (issue 8, DIST-2) on SQLite (default) or PostgreSQL, end to end: one
# POST /api/v1/vehicle-orders/allocate decides 10,000 waiting one-car orders against 100,000
# new cars over 20 hubs (goal < 2 s), reading the stock, running the engine and writing every
# decision with its explanation. (The engine alone: bench/Benchmarks/Allocation.)
#   bench/distribution.sh [--hub-units 100000] [--orders 10000] [--database postgres://…]
# Allocation changes the data: on SQLite each run works on a copy of the generated file kept in
# .bench-data/; PostgreSQL must start empty and is measured once.
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=100000; ORDERS=10000; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --hub-units) UNITS=$2; shift 2;; --orders) ORDERS=$2; shift 2;; --database) DATABASE=$2; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
source bench/lib.sh
bench_database "distribution-$UNITS-$ORDERS" --scale distribution --hub-units "$UNITS" --orders "$ORDERS"
KIND=$(bench_kind)
if [ "$KIND" = SQLite ]; then cp "$DATABASE" "$WORK/run.sqlite"; DATABASE=$WORK/run.sqlite; fi
bench_serve
LOGISTICS=$(token logistics1)
echo "== $ORDERS one-car orders, $UNITS new cars at 20 hubs; database: $KIND"
secs=$(curl -fs -o "$WORK/decisions.json" -w '%{time_total}' -X POST "$URL/api/v1/vehicle-orders/allocate" -H "Authorization: Bearer $LOGISTICS")
summary=$(python3 -c 'import sys,json,collections; d=json.load(open(sys.argv[1]))["decisions"]; c=collections.Counter(x["kind"] for x in d); print(len(d), "decisions:", ", ".join(f"{v} {k}" for k,v in sorted(c.items())))' "$WORK/decisions.json")
printf '%-50s %8s s   goal: < 2 s\n' "allocate every waiting order (one request)" "$secs"
echo "   $summary"
