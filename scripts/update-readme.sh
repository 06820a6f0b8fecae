#!/usr/bin/env bash
# Regenerates the rules table in README.md from the built binary (`miglint rules --format markdown`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
table="$("$root/build/miglint" rules --format markdown)"
python3 - "$root/README.md" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
begin, end = "<!-- rules-table:begin -->\n", "<!-- rules-table:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + table + "\n" + end + tail)
PY
