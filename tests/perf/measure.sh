#!/usr/bin/env bash
# The README's performance runs: a fresh database, the release server, seed-load, then one loadgen scenario per
# server start, with the server's peak resident memory (VmHWM) after each, and one table of every scenario at the
# end (tests/perf/summary.sh over the JSON results). Results go to $OUT (default target/perf-<backend>).
# Scenarios: saves, steady and spike through the JSON API; browser-steady and browser-spike through the pages
# (what a phone does: forms, quiz HTML, static files, saves with the cookie and CSRF header); login (LOGINS
# distinct accounts at once); login-1s (LOGINS_1S arriving within one second) and login-spread (LOGINS_SPREAD
# arriving evenly over SPREAD_SECS), where whoever is told "busy" presses again after Retry-After. The table puts
# the previous figures beside the new ones (see PREVIOUS below). Needs: cargo build --release --workspace --bins
# (the server and tests/loadgen), jq.
#   bash tests/perf/measure.sh sqlite
#   SAVES_SECS=10 STEADY_SECS=10 SPIKE=5000 bash tests/perf/measure.sh sqlite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_perf bash tests/perf/measure.sh postgres
set -euo pipefail
cd "$(dirname "$0")/../.."
backend=${1:-sqlite}
PORT=${PORT:-18090}
SAVES_SECS=${SAVES_SECS:-20}
STEADY_CONC=${STEADY_CONC:-64}
STEADY_SECS=${STEADY_SECS:-20}
SPIKE=${SPIKE:-5000}
LOGINS=${LOGINS:-300}
LOGINS_1S=${LOGINS_1S:-1000}
LOGINS_SPREAD=${LOGINS_SPREAD:-5000}
SPREAD_SECS=${SPREAD_SECS:-300}
# The figures printed beside the new ones: the README's (tests/perf/previous-<backend>.tsv), or PREVIOUS=<an earlier
# run's folder or record.tsv>.
PREVIOUS=${PREVIOUS:-tests/perf/previous-$backend.tsv}
[ -e "$PREVIOUS" ] || PREVIOUS=""
# ONLY="saves steady spike" runs just those scenarios (default: all).
ONLY=${ONLY:-}
PASSWORD=${PASSWORD:-Mat-khau-tai-thu-2026}
# Browsers ask for gzip on every request; GZIP=0 measures uncompressed responses.
GZIP=${GZIP:-1}
gzip_flag=(); [ "$GZIP" = 1 ] && gzip_flag=(--gzip)
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
OUT=${OUT:-target/perf-$backend}
rm -rf "$OUT"; mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export CCHC_DATA_DIR="$OUT/data" CCHC_PORT=$PORT
# The load generator's thousands of phones all come from 127.0.0.1; real phones come from many addresses, so the
# per-address connection cap (256 by default, a defence against one client hoarding connections) is lifted here.
export CCHC_MAX_CONNECTIONS_PER_CLIENT=${CCHC_MAX_CONNECTIONS_PER_CLIENT:-65536}
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
peak_mb() { grep VmHWM "/proc/$server_pid/status" | awk '{print int($2/1024)}'; }
# A scenario's CPU is the server's at its end minus the server's at readiness (tests/perf/lib.sh).
source tests/perf/lib.sh

# Each participant may start the ranked round once, so the browser spike and the login probe get rounds of
# their own (seed-load reuses the accounts and opens new rounds).
seed() { "$BIN" seed-load --participants "$SPIKE" --password "$PASSWORD" --out "$1" >/dev/null; }
seed "$OUT/fixture.json"
run() {
  local name=$1 fixture=$2; shift 2
  [ -z "$ONLY" ] || [[ " $ONLY " == *" $name "* ]] || return 0
  start
  local cpu0; cpu0=$(cpu_of "$server_pid")   # the start-up (migrations, loading the banks) is not the scenario's
  "$LOADGEN" --base "$base" --fixture "$fixture" --out "$OUT/$name.json" "${gzip_flag[@]}" "$@" \
    | tee "$OUT/$name.txt" || echo "$name: loadgen reported a failure" | tee -a "$OUT/$name.txt"
  local peak cpu; peak=$(peak_mb); cpu=$(minus "$(cpu_of "$server_pid")" "$cpu0")
  echo "server peak RSS ($name): $peak MB; server CPU: $cpu s" | tee -a "$OUT/$name.txt"
  echo "$peak" >"$OUT/$name.rss"
  echo "$cpu" >"$OUT/$name.cpu"
  stop
}
run saves "$OUT/fixture.json" saves --concurrency 256 --seconds "$SAVES_SECS"
run steady "$OUT/fixture.json" steady --concurrency "$STEADY_CONC" --seconds "$STEADY_SECS"
run spike "$OUT/fixture.json" spike --participants "$SPIKE"
run browser-steady "$OUT/fixture.json" browser --concurrency "$STEADY_CONC" --seconds "$STEADY_SECS"
seed "$OUT/fixture-browser.json"
run browser-spike "$OUT/fixture-browser.json" browser --participants "$SPIKE"
# The login scenario's save probe starts the ranked round too: a fixture of its own again.
seed "$OUT/fixture-login.json"
run login "$OUT/fixture-login.json" login --logins "$LOGINS" --password "$PASSWORD"
# Storms as people meet them: everyone has the right password, and "busy" means pressing again after the
# Retry-After the login page gives (for up to 60 s).
seed "$OUT/fixture-login-1s.json"
run login-1s "$OUT/fixture-login-1s.json" login --logins "$LOGINS_1S" --over-secs 1 --retry-busy \
  --wrong-every 0 --password "$PASSWORD"
seed "$OUT/fixture-login-spread.json"
run login-spread "$OUT/fixture-login-spread.json" login --logins "$LOGINS_SPREAD" --over-secs "$SPREAD_SECS" \
  --retry-busy --wrong-every 0 --password "$PASSWORD"
echo
echo "== $backend: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bash tests/perf/summary.sh "$OUT" $PREVIOUS
