#!/usr/bin/env bash
# Times `miglint validate --base` on a pull request that adds one migration to a long history:
# the base's migrations are applied up only, the second run from the cached state.
#
#   bench/validate-base.sh [N]      (default: 260 migrations, written by bench/make-history.py)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-260}"
miglint="${MIGLINT:-$root/build/miglint}"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM
export MIGLINT_CACHE_DIR="$work/cache"
cd "$work"
git init -q repo && cd repo
python3 "$root/bench/make-history.py" "$count" db
git add . && git -c user.name=bench -c user.email=bench@example.invalid commit -qm base
printf 'CREATE TABLE pr_new (id bigint PRIMARY KEY, t1_id bigint REFERENCES t1 (id));\n' > db/9999_pr.up.sql
printf 'DROP TABLE pr_new;\n' > db/9999_pr.down.sql

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'; }
echo "history: $count migrations at the base, the pull request adds 1"
echo "validate --whole-history:      $(seconds "$miglint" validate --whole-history db) s"
echo "validate --base, cold cache:   $(seconds "$miglint" validate --base HEAD db) s"
for run in 1 2 3; do
  echo "validate --base, warm cache:   $(seconds "$miglint" validate --base HEAD db) s"
done
