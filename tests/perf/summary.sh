#!/usr/bin/env bash
# One table of the scenarios that tests/perf/measure.sh ran: throughput, errors, the server's peak RSS, its CPU
# time per unit of work (a save, a finished attempt, a login), and p50 / p99 in ms of every step. Reads
# <dir>/<scenario>.json (loadgen's results), <dir>/<scenario>.rss and <dir>/<scenario>.cpu.
#   bash tests/perf/summary.sh target/perf-sqlite
set -euo pipefail
dir=${1:?usage: summary.sh <results dir>}
rows() {
  for name in saves steady spike browser-steady browser-spike login; do
    [ -f "$dir/$name.json" ] || continue
    local rss="?"; [ -f "$dir/$name.rss" ] && rss="$(cat "$dir/$name.rss") MB"
    local cpu="null"; [ -f "$dir/$name.cpu" ] && cpu=$(cat "$dir/$name.cpu")
    jq -r --arg name "$name" --arg rss "$rss" --argjson cpu "$cpu" '
      def n: (. * 10 | round / 10);
      def throughput:
        if $name == "saves" then ((.steps[] | select(.step == "save") | .per_second | round | tostring) + " saves/s")
        elif (.finished_per_second != null) then ((.finished_per_second | n | tostring) + " attempts/s")
        elif (.participants != null) then
          "\(.finished_attempts)/\(.participants) done in \(.elapsed_secs | n) s"
        elif (.logins != null) then "\(.answered)/\(.logins) answered in \(.seconds | n) s"
        else "" end;
      # What one unit of the scenario is: a save, a finished attempt (its submit), a login answered.
      def units:
        if $name == "saves" then [.steps[] | select(.step == "save") | .ok] | add
        elif $name == "login" then .answered
        else [.steps[] | select(.step == "submit") | .ok] | add end;
      def unit_name: if $name == "saves" then "save" elif $name == "login" then "login" else "attempt" end;
      def cpu_per_unit:
        if $cpu == null or (units // 0) == 0 then "?"
        else "\($cpu * 1000 / units * 100 | round / 100) ms/\(unit_name)" end;
      [ $name, throughput,
        ([.steps[].errors] | add // 0 | tostring) + (if (.unanswered // 0) > 0 then " (\(.unanswered) unanswered)" else "" end),
        $rss, cpu_per_unit,
        ([.steps[] | select(.ok > 0) | "\(.step) \(.p50_ms | n)/\(.p99_ms | n)"] | join(", "))
      ] | @tsv' "$dir/$name.json"
  done
}
{
  printf 'scenario\tthroughput\terrors\tpeak RSS\tserver CPU\tp50/p99 ms per step\n'
  rows
} | column -t -s $'\t'
