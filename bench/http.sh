#!/usr/bin/env bash
# HTTP benchmark: wrk against /health and an authenticated /api/v1/me, beside a minimal
# Hummingbird hello-world built from the same package. Prints requests/s and p99 for each,
# and the ratio /api/v1/me ÷ hello (goal: ≥ 0.3).
#   bench/http.sh [--duration 10s] [--connections 32] [--database postgres://…]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=10s; CONNECTIONS=32; THREADS=2; DATABASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2;; --connections) CONNECTIONS=$2; shift 2;; --database) DATABASE=$2; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
SCRATCH=${SWIFT_SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$SCRATCH" --product torque >/dev/null
swift build -c release --scratch-path "$SCRATCH" --product torque-bench-hello >/dev/null
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
WORK=$(mktemp -d); PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TP=$(port); HP=$(port)
(cd "$WORK" && exec env TORQUE_LOG_LEVEL=warning "$BIN/torque" serve --demo --port "$TP" --database "${DATABASE:-$WORK/bench.sqlite}" >"$WORK/torque.log" 2>&1) &
PIDS+=($!)
"$BIN/torque-bench-hello" "$HP" >"$WORK/hello.log" 2>&1 &
PIDS+=($!)
for i in $(seq 100); do curl -fs "http://127.0.0.1:$TP/health" >/dev/null && curl -fs "http://127.0.0.1:$HP/hello" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST "http://127.0.0.1:$TP/api/v1/auth/token" -d '{"username":"sales1","password":"torque-demo"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
run() { # name url [header]
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-H "$3"} "$2")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p99; p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '%-28s %12s req/s   p99 %8s   %s\n' "$1" "$rps" "$p99" "${non2xx:+non-2xx: $non2xx}" >&2
  echo "$rps"
}
echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION each; database: ${DATABASE:+PostgreSQL}${DATABASE:-SQLite}" >&2
HELLO=$(run "hello-world /hello" "http://127.0.0.1:$HP/hello")
run "torque /health" "http://127.0.0.1:$TP/health" >/dev/null
ME=$(run "torque /api/v1/me (bearer)" "http://127.0.0.1:$TP/api/v1/me" "Authorization: Bearer $TOKEN")
python3 -c "print(f'ratio /api/v1/me ÷ hello = {float(\"$ME\")/float(\"$HELLO\"):.2f} (goal ≥ 0.30)')"
