#!/usr/bin/env bash
# The README's performance runs: a fresh database, the release server, seed-load, then one loadgen scenario per
# server start, with the server's peak resident memory (VmHWM) after each. Results go to $OUT (default
# target/perf-<backend>). Needs: cargo build --release --workspace --bins (the server and tests/loadgen).
#   bash tests/perf/measure.sh sqlite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_perf bash tests/perf/measure.sh postgres
set -euo pipefail
cd "$(dirname "$0")/../.."
backend=${1:-sqlite}
PORT=${PORT:-18090}
SAVES_SECS=${SAVES_SECS:-20}
STEADY_CONC=${STEADY_CONC:-64}
STEADY_SECS=${STEADY_SECS:-20}
SPIKE=${SPIKE:-5000}
# Browsers ask for gzip on every request; GZIP=0 measures uncompressed responses.
GZIP=${GZIP:-1}
gzip_flag=(); [ "$GZIP" = 1 ] && gzip_flag=(--gzip)
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
OUT=${OUT:-target/perf-$backend}
rm -rf "$OUT"; mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export CCHC_DATA_DIR="$OUT/data" CCHC_PORT=$PORT
if [ "$backend" = postgres ]; then
  : "${DATABASE_URL:?set DATABASE_URL to a fresh PostgreSQL database}"
  export DATABASE_URL
else
  unset DATABASE_URL
fi
base="http://127.0.0.1:$PORT"
server_pid=""
stop() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=""; }
trap stop EXIT
start() {
  "$BIN" serve >>"$OUT/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fsS "$base/" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start"; exit 1
}
peak() { grep VmHWM "/proc/$server_pid/status" | awk '{print int($2/1024) " MB"}'; }

"$BIN" seed-load --participants "$SPIKE" --out "$OUT/fixture.json"
run() {
  local name=$1; shift
  start
  "$LOADGEN" --base "$base" --fixture "$OUT/fixture.json" --out "$OUT/$name.json" "${gzip_flag[@]}" "$@" \
    | tee "$OUT/$name.txt"
  echo "server peak RSS ($name): $(peak)" | tee -a "$OUT/$name.txt"
  stop
}
run saves saves --concurrency 256 --seconds "$SAVES_SECS"
run steady steady --concurrency "$STEADY_CONC" --seconds "$STEADY_SECS"
run spike spike --participants "$SPIKE"
