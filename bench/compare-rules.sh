#!/usr/bin/env bash
# Runs miglint and squawk (its native binary, not the Node.js shim) over the same migration
# folders and prints, per rule family, how many findings each reports and how many only one of
# them reports (matched by file, family and line: a squawk finding counts as shared when a
# miglint finding of the same family covers its statement's first line or starts up to 10 lines
# after it, since squawk points at the statement and miglint at the clause).
#
#   bench/compare-rules.sh [DIR...]
#
# Each DIR (default: every folder of ../shared/corpora) is linted by miglint as one migration
# set with its default rules (opt-in rules off), and squawk gets every .sql file under it with
# its defaults. squawk: `npm install --prefix bench squawk-cli`, or SQUAWK=/path/to/squawk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
miglint="$root/build/miglint"
[ -x "$miglint" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
squawk="${SQUAWK:-}"
for candidate in "$root/bench/node_modules/@squawk-cli/linux-x64/bin/squawk" /opt/squawk/node_modules/@squawk-cli/linux-x64/bin/squawk; do
  if [ -z "$squawk" ] && [ -x "$candidate" ]; then squawk="$candidate"; fi
done
[ -n "$squawk" ] || { echo "squawk's native binary not found: npm install --prefix bench squawk-cli, or set SQUAWK" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- "$root"/../shared/corpora/*/
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
i=0
for dir in "$@"; do
  i=$((i + 1))
  "$miglint" lint --no-config --format json "$dir" > "$work/miglint.$i.json" 2> /dev/null || true
  find "$dir" -name '*.sql' -type f -print0 | sort -z |
    xargs -0 "$squawk" --reporter json > "$work/squawk.$i.json" 2> /dev/null || true
done
python3 - "$work" "$("$squawk" --version)" <<'PY'
import collections, glob, json, os, sys

work, squawk_version = sys.argv[1], sys.argv[2]
FAMILIES = [
    ("indexes", ["require-concurrent-index-creation", "require-concurrent-index-deletion",
                 "ban-concurrent-index-creation-in-transaction", "require-concurrent-reindex"]),
    ("constraints", ["adding-foreign-key-constraint", "constraint-missing-not-valid", "disallowed-unique-constraint",
                     "adding-serial-primary-key-field", "ban-add-exclusion-constraint", "adding-not-nullable-field",
                     "require-foreign-key-index"]),
    ("column changes", ["adding-field-with-default", "adding-required-field", "changing-column-type"]),
    ("data loss, compatibility", ["ban-drop-column", "ban-drop-table", "ban-drop-database", "ban-drop-schema",
                                  "ban-drop-not-null", "ban-drop-default", "ban-drop-view", "ban-drop-function",
                                  "ban-drop-type", "renaming-column", "renaming-table", "ban-truncate",
                                  "ban-truncate-cascade", "ban-rename-enum-value", "ban-alter-domain-with-add-constraint",
                                  "ban-create-domain-with-constraint"]),
    ("timeouts", ["require-lock-timeout", "require-statement-timeout", "require-timeout-settings",
                  "require-timeout-for-trigger", "require-timeout-for-lock-table"]),
    ("transactions", ["transaction-nesting", "ban-uncommitted-transaction", "ban-statement-after-access-exclusive",
                      "ban-add-enum-value-in-transaction"]),
    ("rewrites, bulk data", ["ban-table-rewrite", "ban-vacuum-full-or-cluster", "require-concurrent-refresh",
                             "require-concurrent-partition-detach", "ban-unbatched-update"]),
    ("style", ["prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-identity", "prefer-text-field",
               "prefer-timestamp-tz", "ban-char-field", "prefer-jsonb", "prefer-robust-stmts", "identifier-too-long"]),
    ("syntax", ["syntax-error"]),
]
family_of = {rule: family for family, rules in FAMILIES for rule in rules}

def family(rule):
    return family_of.get(rule, "other (" + rule + ")")

def real(path):
    return os.path.realpath(path)

mig = collections.defaultdict(list)  # (file, family) -> [(start, end, rule)]
sq = collections.defaultdict(list)   # (file, family) -> [(line, rule)]
for path in sorted(glob.glob(os.path.join(work, "miglint.*.json"))):
    try:
        report = json.load(open(path))
    except ValueError:
        continue
    for d in report.get("diagnostics", []):
        mig[(real(d["file"]), family(d["rule"]))].append((d["start"]["line"], d["end"]["line"], d["rule"]))
for path in sorted(glob.glob(os.path.join(work, "squawk.*.json"))):
    try:
        report = json.load(open(path))
    except ValueError:
        continue
    for v in report:
        sq[(real(v["file"]), family(v["rule_name"]))].append((v["line"] + 1, v["rule_name"]))

rows = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # family -> miglint, squawk, both, miglint only, squawk only
examples = collections.defaultdict(list)
for key in set(mig) | set(sq):
    fam = key[1]
    ours = sorted(mig.get(key, []))
    theirs = sorted(sq.get(key, []))
    used = [False] * len(ours)
    rows[fam][0] += len(ours)
    rows[fam][1] += len(theirs)
    for line, rule in theirs:
        match = next((i for i, (start, end, _) in enumerate(ours) if not used[i] and line <= end and start - line <= 10), None)
        if match is None:
            rows[fam][4] += 1
            if len(examples[("squawk", fam)]) < 2:
                examples[("squawk", fam)].append(f"{key[0]}:{line} {rule}")
        else:
            used[match] = True
            rows[fam][2] += 1
    for i, (start, _, rule) in enumerate(ours):
        if not used[i]:
            rows[fam][3] += 1
            if len(examples[("miglint", fam)]) < 2:
                examples[("miglint", fam)].append(f"{key[0]}:{start} {rule}")

print(f"| family | miglint | {squawk_version} | both | miglint only | squawk only |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
order = [f for f, _ in FAMILIES]
for fam in sorted(rows, key=lambda f: (order.index(f) if f in order else len(order), f)):
    m, s, both, m_only, s_only = rows[fam]
    print(f"| {fam} | {m} | {s} | {both} | {m_only} | {s_only} |")
total = [sum(r[i] for r in rows.values()) for i in range(5)]
print(f"| **all** | {total[0]} | {total[1]} | {total[2]} | {total[3]} | {total[4]} |")
print()
for (tool, fam), items in sorted(examples.items()):
    for item in items:
        print(f"example, {tool} only, {fam}: {os.path.relpath(item)}")
PY
