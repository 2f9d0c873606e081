#!/usr/bin/env bash
# One table of the scenarios that tests/perf/measure.sh ran: throughput, errors, the server's peak RSS, and
# p50 / p99 in ms of every step. Reads <dir>/<scenario>.json (loadgen's results) and <dir>/<scenario>.rss.
#   bash tests/perf/summary.sh target/perf-sqlite
set -euo pipefail
dir=${1:?usage: summary.sh <results dir>}
rows() {
  for name in saves steady spike browser-steady browser-spike login; do
    [ -f "$dir/$name.json" ] || continue
    local rss="?"; [ -f "$dir/$name.rss" ] && rss="$(cat "$dir/$name.rss") MB"
    jq -r --arg name "$name" --arg rss "$rss" '
      def n: (. * 10 | round / 10);
      def throughput:
        if $name == "saves" then ((.steps[] | select(.step == "save") | .per_second | round | tostring) + " saves/s")
        elif (.finished_per_second != null) then ((.finished_per_second | n | tostring) + " attempts/s")
        elif (.participants != null) then
          "\(.finished_attempts)/\(.participants) done in \(.elapsed_secs | n) s"
        elif (.logins != null) then "\(.answered)/\(.logins) answered in \(.seconds | n) s"
        else "" end;
      [ $name, throughput,
        ([.steps[].errors] | add // 0 | tostring) + (if (.unanswered // 0) > 0 then " (\(.unanswered) unanswered)" else "" end),
        $rss,
        ([.steps[] | select(.ok > 0) | "\(.step) \(.p50_ms | n)/\(.p99_ms | n)"] | join(", "))
      ] | @tsv' "$dir/$name.json"
  done
}
{
  printf 'scenario\tthroughput\terrors\tpeak RSS\tp50/p99 ms per step\n'
  rows
} | column -t -s $'\t'
