#!/usr/bin/env bash
# Recurring-defect benchmark (issue 8, PROD-2) on SQLite (default) or PostgreSQL: the hourly
# check over 1M QA inspections at the demo plant (goal < 5 s on PostgreSQL), run three times.
#   bench/production.sh [--inspections 1000000] [--database postgres://…]
# The generated SQLite database is kept in .bench-data/ and reused by later runs. (The allocation
# engine's own figure, 10,000 orders against 100,000 units, is bench/Benchmarks/Allocation.)
set -euo pipefail
cd "$(dirname "$0")/.."
N=1000000; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --inspections) N=$2; shift 2;; --database) DATABASE=$2; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
source bench/lib.sh
bench_database "production-$N" --scale production --inspections "$N"
echo "== $N QA inspections over 120 days at the demo plant; database: $(bench_kind)"
for i in 1 2 3; do
  out=$( (cd "$WORK" && "$BIN" defect-check --database "$DATABASE") | tail -1)
  ms=$(echo "$out" | sed -E 's/.*took ([0-9]+) ms.*/\1/')
  printf '%-50s %8s ms   goal: < 5000 ms (PostgreSQL)\n' "recurring-defect check, run $i" "$ms"
done
