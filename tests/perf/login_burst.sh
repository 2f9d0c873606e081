#!/usr/bin/env bash
# Review F2's storm: 300 accounts log in at the same moment against a release server (SQLite by default), while
# one participant keeps saving an answer. Prints the answers by kind, the login p99, the server's peak RSS and
# the save probe's latency. Targets (issue 12): RSS under 200 MB, every login answered, the probe within 1 s.
# Needs: cargo build --release --workspace --bins (the server and tests/loadgen).
#   bash tests/perf/login_burst.sh
#   LOGINS=500 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_burst bash tests/perf/login_burst.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
LOGINS=${LOGINS:-300}
PORT=${PORT:-18095}
PASSWORD=${PASSWORD:-Mat-khau-tai-thu-2026}
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
OUT=${OUT:-target/perf-login-burst}
rm -rf "$OUT"; mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export CCHC_DATA_DIR="$OUT/data" CCHC_PORT=$PORT
[ -n "${DATABASE_URL:-}" ] && export DATABASE_URL
base="http://127.0.0.1:$PORT"

"$BIN" seed-load --participants "$LOGINS" --password "$PASSWORD" --out "$OUT/fixture.json" >/dev/null
"$BIN" serve >>"$OUT/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/" >/dev/null 2>&1 && break; sleep 0.1; done
echo "server RSS before the burst: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$server_pid/status)"
"$LOADGEN" --base "$base" --fixture "$OUT/fixture.json" --out "$OUT/login.json" \
  login --logins "$LOGINS" --password "$PASSWORD" --server-pid "$server_pid" | tee "$OUT/login.txt"
sleep 2
echo "server RSS after the burst: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$server_pid/status)"
echo "save probe (p50 / p99 / max ms): $(grep -E '^probe_save' "$OUT/login.txt" | awk '{print $5 " / " $7 " / " $8}')"
