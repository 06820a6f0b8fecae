#!/usr/bin/env bash
# Lints a large migration set with miglint and, when installed, with squawk (npm package
# squawk-cli), on exactly the same files, and prints files/s, MB/s, peak memory and the ratio.
#
#   bench/run.sh [DIR] [--scale N] [--runs N]
#
# DIR defaults to ../shared/corpora. --scale N copies the set N times (distinct paths) to
# measure a bigger input. Times are the median of N runs (default 5). squawk is timed through
# its native binary, never the Node.js shim in node_modules/.bin (Node's start-up would count as
# squawk's): $SQUAWK, else bench/node_modules/@squawk-cli/linux-x64/bin/squawk
# (`npm install --prefix bench squawk-cli`), else /opt/squawk/node_modules/@squawk-cli/...; the
# shim, when present, is timed too and printed as a note.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
input="$root/../shared/corpora"
scale=1
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) input="$1"; shift ;;
  esac
done
miglint="$root/build/miglint"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
[ -d "$input" ] || { echo "no such directory: $input" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$scale"); do
  mkdir -p "$work/copy$i"
  cp -r "$input/." "$work/copy$i/"
done
find "$work" -name '*.sql' -type f | sort > "$work/files.txt"
files=$(wc -l < "$work/files.txt")
bytes=$(xargs -a "$work/files.txt" -d '\n' cat | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')

source "$root/bench/lib.sh"

report() {
  local name="$1" seconds="$2" rss="$3"
  awk -v n="$name" -v s="$seconds" -v f="$files" -v m="$mb" -v r="$rss" \
    'BEGIN { printf "%-8s %8.3f s  %9.0f files/s  %7.2f MB/s  peak %s\n", n, s, f / s, m / s, r }'
}

echo "input: $input x$scale = $files files, $mb MB; median of $runs runs; $(nproc) cores"
read -r m_time m_rss <<< "$(measure xargs -a "$work/files.txt" -d '\n' "$miglint" lint --no-config --no-color)"
report miglint "$m_time" "$m_rss"

squawk="$(find_squawk "$root")"
if [ -z "$squawk" ]; then
  echo "squawk  not installed (npm install --prefix bench squawk-cli) - no comparison"
  exit 0
fi
read -r s_time s_rss <<< "$(measure xargs -a "$work/files.txt" -d '\n' "$squawk")"
report squawk "$s_time" "$s_rss"
ratio="$(paired_ratio "xargs -a $(printf %q "$work/files.txt") -d '\\n' $(printf %q "$miglint") lint --no-config --no-color" \
  "xargs -a $(printf %q "$work/files.txt") -d '\\n' $(printf %q "$squawk")")"
awk -v r="$ratio" -v n="$runs" -v v="$("$squawk" --version)" \
  'BEGIN { printf "miglint takes %.2fx the wall time of %s (native binary) on the same files (median of %d rounds, each running both)\n", r, v, n }'
shim="$(dirname "$(dirname "$(dirname "$(dirname "$squawk")")")")/.bin/squawk"
if [ -x "$shim" ]; then
  read -r n_time _ <<< "$(measure xargs -a "$work/files.txt" -d '\n' "$shim")"
  awk -v t="$n_time" 'BEGIN { printf "note: through the Node.js shim (node_modules/.bin/squawk) squawk takes %.3f s; not used for the ratio\n", t }'
fi
