#!/usr/bin/env bash
# Graceful stop: while the `saves` scenario runs, send SIGTERM. The server must stop accepting, finish the
# requests in flight and exit 0 within STOP_LIMIT seconds; after a restart every save it acknowledged is stored.
# Repeats ROUNDS times; bounded to about a minute. Needs release binaries: cargo build --release --bins
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18090}
STOP_LIMIT=${STOP_LIMIT:-30}
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

export CCHC_DATA_DIR="$work/data" CCHC_PORT=$PORT
base="http://127.0.0.1:$PORT"
start_server() {
  "$BIN" serve >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server did not start"; tail -20 "$work/server.log"; exit 1
}
# SIGTERM, then wait at most STOP_LIMIT seconds for exit code 0.
stop_server() {
  kill -TERM "$server_pid"
  for _ in $(seq 1 $((STOP_LIMIT * 10))); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    echo "FAIL: server still running ${STOP_LIMIT}s after SIGTERM"; exit 1
  fi
  local code=0
  wait "$server_pid" || code=$?
  server_pid=""
  if [ "$code" != 0 ]; then
    echo "FAIL: server exited with $code after SIGTERM"; tail -20 "$work/server.log"; exit 1
  fi
}

"$BIN" seed-load --participants 64 --out "$work/fixture.json" >/dev/null
for i in $(seq 1 "$ROUNDS"); do
  start_server
  "$LOADGEN" --base "$base" --fixture "$work/fixture.json" --out "$work/saves-$i.json" \
    saves --concurrency 64 --seconds 20 --acks "$work/acks-$i.json" >"$work/loadgen-$i.log" 2>&1 &
  loadgen_pid=$!
  sleep $((2 + i))
  started=$(date +%s%N)
  stop_server
  echo "round $i: SIGTERM under load, exit 0 after $(( ($(date +%s%N) - started) / 1000000 )) ms"
  wait "$loadgen_pid" || true
  start_server
  echo "round $i: $(grep -o '[0-9]* acknowledged answer slots' "$work/loadgen-$i.log" || echo 'no acks line')"
  "$LOADGEN" --base "$base" --fixture "$work/fixture.json" --out "$work/verify-$i.json" verify --acks "$work/acks-$i.json"
  stop_server
done
echo "graceful stop: $ROUNDS SIGTERM rounds, exit 0 each time, no acknowledged save lost"
