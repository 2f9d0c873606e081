#!/usr/bin/env bash
# The capacity model's check: two server instances on one PostgreSQL database, each driven by its own load
# generator at the same time, against one instance driven alone with the same total concurrency. Each instance
# has a data folder of its own and shares only the database and the signing secret (README "Running several
# instances"). Prints the finished attempts per second, errors, each server's CPU seconds and the PostgreSQL
# server's (every postgres process of this machine, the capacity model's database share).
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_two bash tests/perf/two_instances.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL to a fresh PostgreSQL database}"
export DATABASE_URL
SECS=${SECS:-15}
CONC=${CONC:-64}
BIN=${CARGO_TARGET_DIR:-target}/release/cchc-quiz
LOADGEN=${CARGO_TARGET_DIR:-target}/release/loadgen
OUT=${OUT:-target/perf-two-instances}
rm -rf "$OUT"; mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export CCHC_JWT_SECRET=${CCHC_JWT_SECRET:-two-instances-share-this-signing-secret-for-the-run}
export CCHC_MAX_CONNECTIONS_PER_CLIENT=65536
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; pids=(); }
trap stop_all EXIT
serve() { # serve NAME PORT
  CCHC_DATA_DIR="$OUT/$1" "$BIN" serve --port "$2" >>"$OUT/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$2/" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "instance $1 did not start"; exit 1
}
source tests/perf/lib.sh
# CPU seconds of every postgres process, with what the finished backends left in their parent's account.
pg_cpu() {
  local p total=0
  for p in $(pgrep -x postgres); do
    total=$(awk -v t="$total" '{print t + $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'
}
# Each load generator gets a fixture (a practice round) of its own, so no two drive the same attempt.
seed() { CCHC_DATA_DIR="$OUT/seed" "$BIN" seed-load --participants "$CONC" --out "$1" >/dev/null; }
seed "$OUT/fixture-one.json"; seed "$OUT/fixture-a.json"; seed "$OUT/fixture-b.json"
steady() { # steady PORT FIXTURE CONCURRENCY NAME
  "$LOADGEN" --base "http://127.0.0.1:$1" --fixture "$2" --out "$OUT/$4.json" --gzip \
    steady --concurrency "$3" --seconds "$SECS" >"$OUT/$4.txt"
}

serve one 18191
pg0=$(pg_cpu); one0=$(cpu_of "${pids[0]}")
steady 18191 "$OUT/fixture-one.json" "$CONC" one
one_cpu=$(minus "$(cpu_of "${pids[0]}")" "$one0"); one_pg=$(minus "$(pg_cpu)" "$pg0")
stop_all

serve a 18192; serve b 18193
pg0=$(pg_cpu); a0=$(cpu_of "${pids[0]}"); b0=$(cpu_of "${pids[1]}")
steady 18192 "$OUT/fixture-a.json" $((CONC / 2)) a & la=$!
steady 18193 "$OUT/fixture-b.json" $((CONC / 2)) b & lb=$!
wait "$la" "$lb"
a_cpu=$(minus "$(cpu_of "${pids[0]}")" "$a0"); b_cpu=$(minus "$(cpu_of "${pids[1]}")" "$b0")
two_pg=$(minus "$(pg_cpu)" "$pg0")
stop_all

row() { jq -r --arg name "$1" --arg cpu "$2" \
  '"\($name)\t\(.finished_per_second * 10 | round / 10) attempts/s\t\([.steps[].errors] | add) errors\t\($cpu) CPU s"' \
  "$OUT/$1.json"; }
{
  printf 'instance\tthroughput\terrors\tserver CPU\n'
  row one "$one_cpu"; row a "$a_cpu"; row b "$b_cpu"
} | column -t -s $'\t' | tee "$OUT/summary.txt"
jq -rn --slurpfile a "$OUT/a.json" --slurpfile b "$OUT/b.json" \
  '"two instances together: \(($a[0].finished_per_second + $b[0].finished_per_second) * 10 | round / 10) attempts/s"' \
  | tee -a "$OUT/summary.txt"
echo "PostgreSQL CPU: $one_pg s with one instance, $two_pg s with two" | tee -a "$OUT/summary.txt"
