#!/usr/bin/env bash
# The cost of `validate --trace` and `validate --rows 1000` against plain `validate`, on each
# shared corpus (or the directories given), on the private server with a warm template.
#
#   bench/validate-trace.sh [DIR ...]      (default: every folder of ../shared/corpora)
#   RUNS=3 bench/validate-trace.sh         (median of RUNS runs each; default 3)
#
# Prints one row per corpus: seconds for plain, --trace, --rows 1000, and the two ratios.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
miglint="${MIGLINT:-$root/build/miglint}"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$root/bench/lib.sh"
if [ $# -eq 0 ]; then set -- "$root"/../shared/corpora/*/; fi

"$miglint" validate --no-color "$1" > /dev/null 2>&1 || true  # warm the template
printf '| corpus | validate | --trace | --rows 1000 | --trace / plain | --rows / plain |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
for dir in "$@"; do
  name="$(basename "$dir")"
  plain=$(measure "$miglint" validate --no-color "$dir" | cut -d' ' -f1)
  traced=$(measure "$miglint" validate --no-color --trace "$dir" | cut -d' ' -f1)
  rows=$(measure "$miglint" validate --no-color --rows 1000 "$dir" | cut -d' ' -f1)
  awk -v n="$name" -v p="$plain" -v t="$traced" -v r="$rows" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %.2fx | %.2fx |\n", n, p, t, r, t / p, r / p }'
done
