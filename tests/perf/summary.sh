#!/usr/bin/env bash
# One table of the scenarios that tests/perf/measure.sh ran: throughput, errors, the server's peak RSS, its CPU
# time per unit of work (a save, a finished attempt, a login), and p50 / p99 in ms of every step. Reads
# <dir>/<scenario>.json (loadgen's results), <dir>/<scenario>.rss and <dir>/<scenario>.cpu. Given an earlier run
# as well, a last column shows its throughput, the p99 of the step the scenario is about and its peak RSS: from
# that run's folder, or from its record, the one-line-per-scenario file every summary writes to <dir>/record.tsv
# (tests/perf/previous-*.tsv are the records of the figures the README shows, which measure.sh prints beside a
# new run by default).
#   bash tests/perf/summary.sh target/perf-sqlite
#   bash tests/perf/summary.sh target/perf-sqlite target/perf-sqlite-before
#   bash tests/perf/summary.sh target/perf-sqlite tests/perf/previous-sqlite.tsv
set -euo pipefail
dir=${1:?usage: summary.sh <results dir> [<earlier results dir or record.tsv>]}
before=${2:-}
SCENARIOS="saves steady spike browser-steady browser-spike login login-1s login-spread"
# jq definitions shared by the row and the "before" column.
DEFS='
  def n: (. * 10 | round / 10);
  def is_login: ($name | startswith("login"));
  def throughput:
    if $name == "saves" then ((.steps[] | select(.step == "save") | .per_second | round | tostring) + " saves/s")
    elif (.finished_per_second != null) then ((.finished_per_second | n | tostring) + " attempts/s")
    elif (.participants != null) then
      "\(.finished_attempts)/\(.participants) done in \(.elapsed_secs | n) s"
    elif (.logins != null) then "\(.answered)/\(.logins) answered in \(.seconds | n) s"
    else "" end;
  # The step a scenario is about (the save, the login, else the start: the wait when a round opens), by p99.
  def headline:
    (if $name == "saves" then "save" elif is_login then "all_logins" else "start" end) as $s
    | [.steps[] | select(.step == $s and .ok > 0)][0]
    | if . == null then "-" else "\($s) p99 \(.p99_ms | n) ms" end;
'
rss_of() { [ -f "$1/$2.rss" ] && echo "$(cat "$1/$2.rss") MB" || echo "?"; }
# One scenario's short form (throughput, the p99 of its headline step, peak RSS) from a run's folder.
short_of() { # short_of DIR NAME
  jq -r --arg name "$2" "$DEFS"' "\(throughput), \(headline), '"$(rss_of "$1" "$2")"'"' "$1/$2.json"
}
before_of() {
  local name=$1 line
  [ -n "$before" ] || return 0
  if [ -d "$before" ]; then
    [ -f "$before/$name.json" ] && short_of "$before" "$name" || echo "-"
  else
    line=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$before")
    echo "${line:--}"
  fi
}
rows() {
  for name in $SCENARIOS; do
    [ -f "$dir/$name.json" ] || continue
    local cpu="null"; [ -f "$dir/$name.cpu" ] && cpu=$(cat "$dir/$name.cpu")
    jq -r --arg name "$name" --arg rss "$(rss_of "$dir" "$name")" --argjson cpu "$cpu" \
      --arg before "$(before_of "$name")" "$DEFS"'
      # What one unit of the scenario is: a save, a finished attempt (its submit), a login answered.
      def units:
        if $name == "saves" then [.steps[] | select(.step == "save") | .ok] | add
        elif is_login then .answered
        else [.steps[] | select(.step == "submit") | .ok] | add end;
      def unit_name: if $name == "saves" then "save" elif is_login then "login" else "attempt" end;
      def cpu_per_unit:
        if $cpu == null or (units // 0) == 0 then "?"
        else "\($cpu * 1000 / units * 100 | round / 100) ms/\(unit_name)" end;
      [ $name, throughput,
        ([.steps[].errors] | add // 0 | tostring) + (if (.unanswered // 0) > 0 then " (\(.unanswered) unanswered)" else "" end),
        $rss, cpu_per_unit,
        ([.steps[] | select(.ok > 0) | "\(.step) \(.p50_ms | n)/\(.p99_ms | n)"] | join(", "))
      ] + (if $before == "" then [] else [$before] end) | @tsv' "$dir/$name.json"
  done
}
{
  printf 'scenario\tthroughput\terrors\tpeak RSS\tserver CPU\tp50/p99 ms per step'
  [ -n "$before" ] && printf '\tbefore (%s)' "$before"
  printf '\n'
  rows
} | column -t -s $'\t'
for name in $SCENARIOS; do
  [ -f "$dir/$name.json" ] && printf '%s\t%s\n' "$name" "$(short_of "$dir" "$name")"
done >"$dir/record.tsv"
