#!/usr/bin/env bash
# The cost of `validate --trace` and `validate --rows 1000` against plain `validate`, on each
# shared corpus (or the directories given), on the private server with a warm template.
#
#   bench/validate-trace.sh [DIR ...]      (default: every folder of ../shared/corpora)
#   RUNS=3 bench/validate-trace.sh         (median of RUNS runs each; default 3)
#
# Prints one row per corpus: seconds for plain, --trace, --rows 1000, and the two ratios; then
# how the --rows run's time splits: miglint's own filling, emptying and reading of the tables
# (the seconds its summary line gives them), and the rest over plain, which is mostly the
# migrations themselves running on rows (and again after a data failure).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
miglint="${MIGLINT:-$root/build/miglint}"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then set -- "$root"/../shared/corpora/*/; fi

# One wall time of one command, in seconds; its output goes to $work/output.
seconds_of() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/output" 2>&1 || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}

# The seconds the last run's summary gives to filling, emptying and reading the synthetic rows.
filling_of() { sed -n 's/.*rows each (--rows), \([0-9.]*\) s filling, emptying and reading them.*/\1/p' "$work/output" | head -1; }

# The median of the numbers in a file.
median() { sort -g "$1" | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

printf '| corpus | validate | --trace | --rows 1000 | --trace / plain | --rows / plain | --rows: filling | --rows: the rest / plain |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
for dir in "$@"; do
  name="$(basename "$dir")"
  "$miglint" validate --no-color "$dir" > /dev/null 2>&1 || true  # warm this history's template
  : > "$work/plain"; : > "$work/trace"; : > "$work/rows"; : > "$work/filling"
  # The three modes take turns, so that the machine's drift over a run (this machine's times vary
  # by a third over minutes) falls on each of them alike.
  for _ in $(seq 1 "$runs"); do
    seconds_of "$miglint" validate --no-color "$dir" >> "$work/plain"
    seconds_of "$miglint" validate --no-color --trace "$dir" >> "$work/trace"
    seconds_of "$miglint" validate --no-color --rows 1000 "$dir" >> "$work/rows"
    filling_of >> "$work/filling"
  done
  plain=$(median "$work/plain"); traced=$(median "$work/trace"); rows=$(median "$work/rows")
  filling=$(median "$work/filling")
  awk -v n="$name" -v p="$plain" -v t="$traced" -v r="$rows" -v f="$filling" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %.2fx | %.2fx | %.2f s | %.2fx |\n", n, p, t, r, t / p, r / p, f, (r - f) / p }'
done
