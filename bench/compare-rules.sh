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
# A second table compares the opt-in rules (style and timeouts) rule by rule, with miglint
# running them too (squawk runs them by default).
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
opt_in="$("$miglint" rules | awk '/\(opt-in\)$/ { printf "%s%s", sep, $1; sep = "," }')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
i=0
for dir in "$@"; do
  i=$((i + 1))
  "$miglint" lint --no-config --format json "$dir" > "$work/miglint.$i.json" 2> /dev/null || true
  "$miglint" lint --no-config --format json --select "$opt_in,identifier-too-long" "$dir" > "$work/optin.$i.json" 2> /dev/null || true
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

def load(pattern):
    """Every report matching pattern, as a list of parsed JSON documents."""
    reports = []
    for path in sorted(glob.glob(os.path.join(work, pattern))):
        try:
            reports.append(json.load(open(path)))
        except ValueError:
            pass
    return reports

def group(miglint_reports, squawk_reports, key_of):
    """Findings of both tools by (file, key_of(rule))."""
    mig = collections.defaultdict(list)  # (file, key) -> [(start, end, rule)]
    sq = collections.defaultdict(list)   # (file, key) -> [(line, rule)]
    for report in miglint_reports:
        for d in report.get("diagnostics", []):
            mig[(real(d["file"]), key_of(d["rule"]))].append((d["start"]["line"], d["end"]["line"], d["rule"]))
    for report in squawk_reports:
        for v in report:
            sq[(real(v["file"]), key_of(v["rule_name"]))].append((v["line"] + 1, v["rule_name"]))
    return mig, sq

def compare(mig, sq):
    """Per key: miglint, squawk, both, miglint only, squawk only; and a few examples."""
    rows = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    examples = collections.defaultdict(list)
    for key in set(mig) | set(sq):
        compare_one(key, sorted(mig.get(key, [])), sorted(sq.get(key, [])), rows, examples)
    return rows, examples

def compare_one(key, ours, theirs, rows, examples):
    fam = key[1]
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

def print_table(title, rows, order, with_total):
    print(f"| {title} | miglint | {squawk_version} | both | miglint only | squawk only |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for key in sorted(rows, key=lambda k: (order.index(k) if k in order else len(order), k)):
        m, s, both, m_only, s_only = rows[key]
        print(f"| {key} | {m} | {s} | {both} | {m_only} | {s_only} |")
    if with_total:
        total = [sum(r[i] for r in rows.values()) for i in range(5)]
        print(f"| **all** | {total[0]} | {total[1]} | {total[2]} | {total[3]} | {total[4]} |")
    print()

def print_examples(examples):
    for (tool, key), items in sorted(examples.items()):
        for item in items:
            print(f"example, {tool} only, {key}: {os.path.relpath(item)}")
    print()

squawk_reports = load("squawk.*.json")
rows, examples = compare(*group(load("miglint.*.json"), squawk_reports, family))
print("Default rules of each tool, by family:")
print()
print_table("family", rows, [f for f, _ in FAMILIES], True)
print_examples(examples)

# Rule by rule for miglint's opt-in rules, both tools running them. squawk's one timeout rule
# stands for miglint's two; its bigint rule for int and smallint is split the same way.
OPT_IN_ALIASES = {"require-timeout-settings": "require-lock-timeout"}
opt_in_ids = set()
optin_reports = load("optin.*.json")
for report in optin_reports:
    opt_in_ids.update(d["rule"] for d in report.get("diagnostics", []))
def opt_in_rule(rule):
    rule = OPT_IN_ALIASES.get(rule, rule)
    return rule if rule in opt_in_ids or rule in family_of and family_of[rule] == "style" else "other"
only_opt_in = [[v for v in report if opt_in_rule(v["rule_name"]) != "other"] for report in squawk_reports]
rows, examples = compare(*group(optin_reports, only_opt_in, opt_in_rule))
print("miglint's opt-in rules switched on (--select), rule by rule:")
print()
print_table("rule", rows, [], False)
print_examples(examples)
PY
