#!/usr/bin/env bash
# Proves a change (a speed-up, a refactor) leaves the findings byte-for-byte as they were: lints
# every shared corpus to JSON and compares with a saved baseline.
#
#   bench/diff-findings.sh save [BASELINE_DIR]    before the change (default /tmp/miglint-findings)
#   bench/diff-findings.sh check [BASELINE_DIR]   after it: exit 1 and a diff when anything moved
#
# Each corpus is one migration set, default rules, no config; `migrations --format json` (layout,
# order, transaction modes) is compared too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
miglint="$root/build/miglint"
mode="${1:-}"
baseline="${2:-/tmp/miglint-findings}"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
case "$mode" in
  save | check) ;;
  *) echo "usage: diff-findings.sh save|check [BASELINE_DIR]" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="$work"
[ "$mode" = save ] && { mkdir -p "$baseline"; target="$baseline"; }
for dir in "$root"/../shared/corpora/*/; do
  name="$(basename "$dir")"
  (cd "$root" && "$miglint" lint --no-config --format json "$dir" > "$target/$name.json" 2> /dev/null) || true
  (cd "$root" && "$miglint" migrations --format json "$dir" > "$target/$name.migrations.json" 2> /dev/null) || true
done
if [ "$mode" = save ]; then
  echo "saved $(ls "$baseline" | wc -l) reports in $baseline"
  exit 0
fi
status=0
for file in "$work"/*.json; do
  if ! cmp -s "$file" "$baseline/$(basename "$file")"; then
    echo "changed: $(basename "$file")"
    diff <(jq -S . "$baseline/$(basename "$file")") <(jq -S . "$file") | head -n 20 || true
    status=1
  fi
done
[ "$status" = 0 ] && echo "identical: $(ls "$work" | wc -l) reports"
exit "$status"
