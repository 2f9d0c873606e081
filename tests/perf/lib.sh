# Shared by the perf scripts (sourced): the CPU a process has used, for the capacity model's CPU-ms per operation.

# CPU seconds (user + system) process $1 has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

# $1 - $2, for the CPU a stretch of work used.
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }
