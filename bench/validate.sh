#!/usr/bin/env bash
# Times `miglint validate` on a migration set against PostgreSQL alone applying the same SQL
# (up; down; up again, per migration, in one psql session), and prints the validator's overhead.
#
#   bench/validate.sh [DIR]      (default: ../shared/corpora/documenso)
#
# Both run against the same private server, started here with initdb/pg_ctl; the validator uses
# it through --database-url. Only the up/down files of golang-migrate, Prisma and Flyway style
# sets are concatenated for psql (one file per migration part).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
input="${1:-$root/../shared/corpora/documenso}"
miglint="${MIGLINT:-$root/build/miglint}"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d)"
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); chown postgres "$work"; fi
cleanup() { "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate -w -s stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U bench -A trust --no-sync >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/log" -w -s \
  -o "-c listen_addresses='' -k $work -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start
conn="host=$work dbname=postgres user=bench"

# The psql baseline: the same scripts, in the order `miglint migrations` reports.
"$miglint" migrations --format json "$input" > "$work/set.json"
python3 - "$work/set.json" "$work/all.sql" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
out = open(sys.argv[2], "w")
def part(script):
    text = open(script["file"], encoding="utf-8", errors="replace").read().splitlines(True)
    return "".join(text[script["start_line"] - 1:script["end_line"]]) + "\n;\n"
for m in data["sets"][0]["migrations"]:
    if not m["up"]:
        continue
    out.write(part(m["up"]))
    if m["down"]:
        out.write(part(m["down"]))
        out.write(part(m["up"]))
PY
psql "$conn" -qc "CREATE DATABASE baseline" >/dev/null
start=$(date +%s.%N)
psql "host=$work dbname=baseline user=bench" -q -v ON_ERROR_STOP=0 -f "$work/all.sql" >/dev/null 2>&1 || true
end=$(date +%s.%N)
baseline=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')

start=$(date +%s.%N)
"$miglint" validate --no-color --database-url "$conn" "$input" > "$work/validate.txt" || true
end=$(date +%s.%N)
validator=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
grep "^validated:" "$work/validate.txt"
echo "psql alone (up, down, up in one session): ${baseline} s"
echo "miglint validate, whole run:              ${validator} s"
awk -v b="$baseline" -v v="$validator" 'BEGIN { printf "overhead: %.0f%% of PostgreSQL time\n", (v - b) / b * 100 }'

# Start-up with a warm template (the private server that validate starts by itself).
"$miglint" validate --no-color "$input" >/dev/null 2>&1 || true
"$miglint" validate --no-color "$input" | grep "^validated:" | sed 's/^/private server, warm template: /'
