#!/usr/bin/env bash
# Lints a large migration set with miglint and, when installed, with squawk (npm package
# squawk-cli), on exactly the same files, and prints files/s, MB/s, peak memory and the ratio.
#
#   bench/run.sh [DIR] [--scale N] [--runs N]
#
# DIR defaults to ../shared/corpora. --scale N copies the set N times (distinct paths) to
# measure a bigger input. squawk is looked up on PATH, then in bench/node_modules/.bin
# (`npm install --prefix bench squawk-cli`), then in /opt/squawk/node_modules/.bin.
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

# Best wall time of N runs, and the peak RSS of the last run, for one command.
measure() {
  local best=999999 t start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
  done
  local rss="n/a"
  if [ -x /usr/bin/time ]; then
    # xargs waits for each miglint/squawk it starts, so its peak includes theirs.
    /usr/bin/time -o "$work/rss" -f '%M' "$@" > /dev/null 2>&1 || true
    rss="$(tail -1 "$work/rss" | awk '{ printf "%.0f MiB", $1 / 1024 }')"
  fi
  echo "$best $rss"
}

report() {
  local name="$1" seconds="$2" rss="$3"
  awk -v n="$name" -v s="$seconds" -v f="$files" -v m="$mb" -v r="$rss" \
    'BEGIN { printf "%-8s %8.3f s  %9.0f files/s  %7.2f MB/s  peak %s\n", n, s, f / s, m / s, r }'
}

echo "input: $input x$scale = $files files, $mb MB; best of $runs runs; $(nproc) cores"
read -r m_time m_rss <<< "$(measure xargs -a "$work/files.txt" -d '\n' "$miglint" lint --no-config --no-color)"
report miglint "$m_time" "$m_rss"

squawk=""
for candidate in "$(command -v squawk || true)" "$root/bench/node_modules/.bin/squawk" /opt/squawk/node_modules/.bin/squawk; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then squawk="$candidate"; break; fi
done
if [ -z "$squawk" ]; then
  echo "squawk  not installed (npm install --prefix bench squawk-cli) - no comparison"
  exit 0
fi
read -r s_time s_rss <<< "$(measure xargs -a "$work/files.txt" -d '\n' "$squawk")"
report squawk "$s_time" "$s_rss"
awk -v m="$m_time" -v s="$s_time" -v v="$("$squawk" --version)" \
  'BEGIN { printf "miglint is %.1fx the speed of %s on the same files\n", s / m, v }'
