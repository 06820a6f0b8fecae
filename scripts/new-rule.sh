#!/usr/bin/env bash
# Scaffolds a new lint rule, the way clang-tidy's add_new_check.py and ruff's add_rule.py do:
#
#   scripts/new-rule.sh ban-something [locking|compatibility|correctness|performance]
#
# writes rules/<snake>.cpp (the check, registered under its id), rules/<snake>.md (every
# heading the docs need), tests/rules/<snake>/ (a firing case, a near miss and a suppressed case)
# and the MIGLINT_RULE line of rules/rule_list.def, in sorted order. The new fixtures fail until
# the check is written: make them pass, fill in the doc, then run scripts/update-readme.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  echo "usage: scripts/new-rule.sh RULE-ID [locking|compatibility|correctness|performance]" >&2
  exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
id="$1"
category="${2:-locking}"
if ! [[ "$id" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)+$ ]]; then
  echo "new-rule: \`$id\` is not a kebab-case rule id (e.g. ban-truncate-cascade)" >&2
  exit 2
fi
case "$category" in
  locking | compatibility | correctness | performance) ;;
  *) echo "new-rule: unknown category \`$category\`" >&2; usage ;;
esac
case "$id" in
  ban-* | require-* | prefer-*) ;;
  *) echo "new-rule: note: new rules start with ban-, require- or prefer-, unless squawk has the same rule under \`$id\`" >&2 ;;
esac

snake="${id//-/_}"
cpp="$root/rules/$snake.cpp"
md="$root/rules/$snake.md"
fixtures="$root/tests/rules/$snake"
def="$root/rules/rule_list.def"
for existing in "$cpp" "$md" "$fixtures"; do
  if [ -e "$existing" ]; then
    echo "new-rule: $existing already exists" >&2
    exit 2
  fi
done
if grep -q "^MIGLINT_RULE($snake)" "$def"; then
  echo "new-rule: rules/rule_list.def already lists $snake" >&2
  exit 2
fi

# CamelCase class name: ban-truncate-cascade -> BanTruncateCascade.
class=""
IFS='-' read -ra words <<<"$id"
for word in "${words[@]}"; do class+="${word^}"; done

cat >"$cpp" <<EOF
#include <fmt/format.h>

#include "linter/rule_registry.hpp"
#include "rules/ast_helpers.hpp"

namespace miglint {
namespace {

constexpr RuleInfo kInfo{
    .id = "$id",
    .summary = "TODO: one line on what $id flags",
    .default_severity = Severity::warning,
    .category = RuleCategory::$category,
};

class $class final : public Rule {
 public:
  explicit $class(const RuleOptions& /*options*/) : Rule(kInfo) {}

  void check(const Statement& stmt, const Context& ctx) const override {
    // TODO: report what this rule flags; ctx.catalog() is the schema just before this statement.
    (void)stmt;
    (void)ctx;
  }
};

}  // namespace

void register_$snake(RuleRegistry& registry) { registry.add<$class>(kInfo); }

}  // namespace miglint
EOF

cat >"$md" <<EOF
# $id

## What it does
TODO: what the rule flags, and what it deliberately leaves alone.

## Why is this bad?
TODO: the lock it takes, the rewrite, the data it loses or the code it breaks.

## Example
\`\`\`sql
-- TODO: a statement the rule flags
\`\`\`

## Use instead
\`\`\`sql
-- TODO: the safe way to do the same thing
\`\`\`

## Fix safety
No automatic fix.

## Options
None.

## References
- TODO: PostgreSQL documentation, and the peers' equivalent rules
EOF

mkdir -p "$fixtures"
cat >"$fixtures/basic.sql" <<EOF
-- TODO: a statement $id flags, with its expectation on the line where the finding starts:
SELECT 1; -- warning: [$id]

-- Near misses: TODO: the closest statements that must not be flagged.
SELECT 2;

-- miglint-ignore: $id -- TODO: the suppressed case
SELECT 3;
EOF

python3 - "$def" "$snake" <<'PY'
import sys
path, snake = sys.argv[1], sys.argv[2]
lines = open(path).read().splitlines()
header = [l for l in lines if not l.startswith("MIGLINT_RULE(")]
rules = sorted([l for l in lines if l.startswith("MIGLINT_RULE(")] + [f"MIGLINT_RULE({snake})"])
open(path, "w").write("\n".join(header + rules) + "\n")
PY

cat <<EOF
created rules/$snake.cpp, rules/$snake.md and tests/rules/$snake/basic.sql; listed in rules/rule_list.def.
Next: write the check until \`ctest -R $snake\` passes, complete the doc, then scripts/update-readme.sh.
EOF
