#!/usr/bin/env bash
# Lints one very large migration (a data load) with miglint and, when installed, with squawk's
# native binary, and prints the wall time (median of N runs) and peak memory of each.
#
#   bench/big-file.sh [--mb N] [--runs N]
#
# Two files of N MB (default 50) are generated: one-row INSERTs (`INSERT INTO events (id,
# payload) VALUES (1, '...');` per line, about 600,000 statements at 50 MB) and 1,000-row INSERTs,
# each between a CREATE TABLE and an ALTER TABLE, as a seed or data-migration file would be.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mb=50
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
miglint="$root/build/miglint"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$root/bench/lib.sh"

python3 - "$work" "$mb" <<'PY'
import sys
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
head = "CREATE TABLE events (id bigint, payload text);\n"
tail = "ALTER TABLE events ADD COLUMN seen boolean;\n"
with open(f"{work}/one-row.sql", "w") as f:
    f.write(head)
    written, i = 0, 0
    while written < size:
        line = f"INSERT INTO events (id, payload) VALUES ({i}, 'event {i}: a payload of some length');\n"
        f.write(line); written += len(line); i += 1
    f.write(tail)
with open(f"{work}/1000-rows.sql", "w") as f:
    f.write(head)
    written, i = 0, 0
    while written < size:
        rows = ",\n".join(f"  ({i * 1000 + j}, 'event {j} of batch {i}: a payload')" for j in range(1000))
        statement = f"INSERT INTO events (id, payload) VALUES\n{rows};\n"
        f.write(statement); written += len(statement); i += 1
    f.write(tail)
PY

squawk="$(find_squawk "$root")"
echo "median of $runs runs; $(nproc) cores"
for file in one-row 1000-rows; do
  path="$work/$file.sql"
  size=$(awk -v b="$(wc -c < "$path")" 'BEGIN { printf "%.1f MB", b / 1048576 }')
  read -r m_time m_rss <<< "$(measure "$miglint" lint --no-config --no-color "$path")"
  printf '%-9s %s  miglint %7.2f s  peak %s\n' "$file" "$size" "$m_time" "$m_rss"
  if [ -n "$squawk" ]; then
    read -r s_time s_rss <<< "$(measure "$squawk" "$path")"
    printf '%-9s %s  squawk  %7.2f s  peak %s\n' "$file" "$size" "$s_time" "$s_rss"
  fi
done
[ -n "$squawk" ] || echo "squawk not installed (npm install --prefix bench squawk-cli) - no comparison"
