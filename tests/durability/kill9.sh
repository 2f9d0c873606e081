#!/usr/bin/env bash
# Durability check: while the `saves` scenario runs, kill the server with SIGKILL, restart it, and verify that
# every answer save the server acknowledged is in the database. Repeats ROUNDS times; bounded to about a minute
# or two. Needs release binaries: cargo build --release --workspace --bins
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18089}
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

export CCHC_DATA_DIR="$work/data" CCHC_PORT=$PORT CCHC_SQLITE_SYNCHRONOUS=${CCHC_SQLITE_SYNCHRONOUS:-full}
base="http://127.0.0.1:$PORT"
start_server() {
  "$BIN" serve >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "$base/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server did not start"; tail -20 "$work/server.log"; exit 1
}

"$BIN" seed-load --participants 64 --out "$work/fixture.json" >/dev/null
for i in $(seq 1 "$ROUNDS"); do
  start_server
  "$LOADGEN" --base "$base" --fixture "$work/fixture.json" --out "$work/saves-$i.json" \
    saves --concurrency 64 --seconds 20 --acks "$work/acks-$i.json" >"$work/loadgen-$i.log" 2>&1 &
  loadgen_pid=$!
  sleep $((2 + i))
  kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  wait "$loadgen_pid" || true
  start_server
  echo "round $i: $(grep -o '[0-9]* acknowledged answer slots' "$work/loadgen-$i.log" || echo 'no acks line')"
  "$LOADGEN" --base "$base" --fixture "$work/fixture.json" --out "$work/verify-$i.json" verify --acks "$work/acks-$i.json"
  kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done
echo "durability: $ROUNDS kill -9 rounds, no acknowledged save lost"
