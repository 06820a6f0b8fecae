#!/usr/bin/env bash
# Runs the Action's script (action/run.sh run) the way GitHub's runner would, against a simulated
# GitHub: a pull-request event payload, a shallow clone whose base commit must be fetched, the
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and a fake REST API for the comment.
#
#   tests/action/action_test.sh PATH/TO/miglint
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export MIGLINT_BIN="$(realpath "$1")"
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "$0")/../lib/check.sh"
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

# The repository: the base commit has one migration with an old finding, the pull request adds
# one with an error.
git_quiet() { git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main "$@" > /dev/null; }
mkdir -p "$tmp/origin/migrations"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n' > "$tmp/origin/migrations/001_users.sql"
printf 'ALTER TABLE users DROP COLUMN legacy;\n' > "$tmp/origin/migrations/002_drop_legacy.sql"
git_quiet -C "$tmp/origin" init
git_quiet -C "$tmp/origin" add -A
git_quiet -C "$tmp/origin" commit -m base
base="$(git -C "$tmp/origin" rev-parse HEAD)"
printf 'ALTER TABLE users ADD COLUMN email text NOT NULL;\n' > "$tmp/origin/migrations/003_email.sql"
git_quiet -C "$tmp/origin" add -A
git_quiet -C "$tmp/origin" commit -m head
head="$(git -C "$tmp/origin" rev-parse HEAD)"
git clone -q --depth=1 "file://$tmp/origin" "$tmp/workspace"
check "the shallow clone lacks the base commit" bash -c "! git -C '$tmp/workspace' cat-file -e '$base^{commit}' 2> /dev/null"

# The fake API.
python3 "$root/tests/action/fake_github.py" "$tmp/port" "$tmp/api.log" &
server_pid=$!
for _ in $(seq 100); do [ -f "$tmp/port" ] && break; sleep 0.05; done
port="$(cat "$tmp/port")"

cat > "$tmp/event.json" << EOF
{"pull_request": {"number": 7, "base": {"sha": "$base"}, "head": {"sha": "$head"}}}
EOF

# One run of the step: fresh output and summary files; extra variables as arguments.
run_step() {
  local name="$1"
  shift
  : > "$tmp/$name.output"
  : > "$tmp/$name.summary"
  (cd "$tmp/workspace" && env GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$tmp/event.json" \
    GITHUB_OUTPUT="$tmp/$name.output" GITHUB_STEP_SUMMARY="$tmp/$name.summary" GITHUB_WORKSPACE="$tmp/workspace" \
    GITHUB_REPOSITORY=o/r GITHUB_SERVER_URL=https://github.com GITHUB_SHA=0000000 GITHUB_API_URL="http://127.0.0.1:$port" \
    GITHUB_TOKEN=test-token RUNNER_TEMP="$tmp/runner-$name" MIGLINT_PATHS=migrations MIGLINT_FAIL_ON=error "$@" \
    bash "$root/action/run.sh" run > "$tmp/$name.log" 2>&1)
  echo $? > "$tmp/$name.code"
}
code_of() { cat "$tmp/$1.code"; }

# A pull request: only its own migration is reported, every report comes from one run.
run_step pr MIGLINT_SARIF_FILE=pr.sarif MIGLINT_COMMENT=true
check "an error finding fails the step (exit 1)" test "$(code_of pr)" = 1
check "the new migration is annotated" contains "$tmp/pr.log" "::error file=migrations/003_email.sql,line=1"
check "the base's migrations are not reported" lacks "$tmp/pr.log" "002_drop_legacy.sql,line"
check "the base commit was fetched into the shallow clone" git -C "$tmp/workspace" cat-file -e "$base^{commit}"
check "outputs: counts" contains "$tmp/pr.output" $'errors=1\nwarnings=0\nnotes=0'
check "outputs: sarif-file" contains "$tmp/pr.output" "sarif-file=pr.sarif"
check "outputs: report" contains "$tmp/pr.output" "report=$tmp/runner-pr/miglint-report/miglint.md"
check "the SARIF file has the finding" test "$(jq '.runs[0].results | length' "$tmp/workspace/pr.sarif")" = 1
check "the summary has the report" contains "$tmp/pr.summary" "## miglint lint"
check "the summary links the line at the pull request's head" contains "$tmp/pr.summary" \
  "(https://github.com/o/r/blob/$head/migrations/003_email.sql#L1)"
check "one comment was posted" test "$(grep -c '^POST /repos/o/r/issues/7/comments ' "$tmp/api.log")" = 1

# The next push updates the same comment.
run_step push2 MIGLINT_COMMENT=true
check "the second run updates the comment" contains "$tmp/api.log" "PATCH /repos/o/r/issues/comments/1000 "
check "and posts no second one" test "$(grep -c '^POST ' "$tmp/api.log")" = 1

# A fork's read-only token: a notice, and the findings still decide the exit code.
touch "$tmp/port.forbidden"
run_step fork MIGLINT_COMMENT=true MIGLINT_FAIL_ON=never
rm "$tmp/port.forbidden"
check "a forbidden comment is a notice" contains "$tmp/fork.log" "::notice title=miglint::cannot comment on this pull request (HTTP 403)"
check "fail-on never reports without failing" test "$(code_of fork)" = 0
check "fail-on never still counts" contains "$tmp/fork.output" "errors=1"

# A tool error: an ::error with miglint's message, a failed step, no SARIF file.
run_step broken MIGLINT_CONFIG=missing.toml MIGLINT_SARIF_FILE=broken.sarif
check "a tool error fails the step with exit 2" test "$(code_of broken)" = 2
check "a tool error is an ::error annotation with miglint's message" contains "$tmp/broken.log" "::error title=miglint lint::"
check "the message names the missing config" contains "$tmp/broken.log" "missing.toml"
check "no SARIF file is left behind" test ! -e "$tmp/workspace/broken.sarif"

# Bad inputs are clear errors.
run_step badfail MIGLINT_FAIL_ON=sometimes
check "a bad fail-on is an error" contains "$tmp/badfail.log" "::error title=miglint::fail-on must be error, warning, note or never"
run_step nopath MIGLINT_PATHS=
check "an empty path is an error" contains "$tmp/nopath.log" "::error title=miglint::the path input is empty"

# Not a pull request: no base, the whole history is reported, and no comment is attempted.
run_step main GITHUB_EVENT_NAME=push MIGLINT_COMMENT=true
check "a push reports the whole history" contains "$tmp/main.log" "::warning file=migrations/002_drop_legacy.sql,line=1"
check "a push posts no comment" contains "$tmp/main.log" "not for a pull request: no comment posted"

# validate on the private server: the base's migrations are applied up only, the pull
# request's get a row with each step.
run_step val MIGLINT_LINT=false MIGLINT_VALIDATE=true
check "validate runs" test "$(code_of val)" = 0
check "validate's report is in the summary" contains "$tmp/val.summary" "## miglint validate migrations"
check "the base's migrations are applied up only" contains "$tmp/val.summary" "| 002_drop_legacy | ✅ applied | applied at the base, not checked | |"
check "the new migration has its row" contains "$tmp/val.summary" "| 003_email | ✅ passed ("

# A report too big for a comment is cut at a line, under GitHub's 65,536 characters; the
# summary keeps every finding.
for i in $(seq 300); do echo "ALTER TABLE users DROP COLUMN c$i;"; done > "$tmp/origin/migrations/004_many.sql"
cp "$tmp/origin/migrations/004_many.sql" "$tmp/workspace/migrations/"
run_step big MIGLINT_COMMENT=true MIGLINT_FAIL_ON=never
last="$(tail -n 1 "$tmp/api.log")"
check "the long comment is sent" test "${last%% *}" = PATCH
check "the long comment fits GitHub's limit" test "${last##* }" -lt 65536
check "the summary lists all 300 drops" test "$(grep -c 'ban-drop-column' "$tmp/big.summary")" -ge 300

# action.yml passes every input through the environment, never into script text.
check "action.yml inputs reach the script only through env" python3 - "$root/action/action.yml" << 'EOF'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
steps = action["runs"]["steps"]
used = set()
for step in steps:
    if "${{ inputs." in step.get("run", ""):
        sys.exit(f"step {step['name']} interpolates an input into its script")
    for value in list(step.get("env", {}).values()) + list(step.get("with", {}).values()) + [step.get("working-directory", "")]:
        used.update(name for name in action["inputs"] if "inputs." + name + " }}" in str(value))
missing = set(action["inputs"]) - used
if missing:
    sys.exit(f"inputs never passed to a step: {sorted(missing)}")
EOF

# The cache key: a hash of miglint's sources, stable from run to run.
: > "$tmp/fp1"; : > "$tmp/fp2"
GITHUB_OUTPUT="$tmp/fp1" bash "$root/action/run.sh" fingerprint > /dev/null
GITHUB_OUTPUT="$tmp/fp2" bash "$root/action/run.sh" fingerprint > /dev/null
check "the build's cache key is a stable source hash" bash -c 'grep -Eq "^hash=[0-9a-f]{32}$" "$0" && cmp -s "$0" "$1"' "$tmp/fp1" "$tmp/fp2"

# The example workflow uses only inputs and outputs the action has.
check "the example workflow matches action.yml" python3 - "$root/action/action.yml" "$root/.github/workflows/migrations.yml" << 'EOF'
import re, sys, yaml
action, workflow = yaml.safe_load(open(sys.argv[1])), yaml.safe_load(open(sys.argv[2]))
steps = workflow["jobs"]["miglint"]["steps"]
ours = [s for s in steps if s.get("uses") == "./action"]
assert len(ours) == 1, "the workflow does not use ./action"
unknown = set(ours[0]["with"]) - set(action["inputs"])
assert not unknown, f"unknown inputs {unknown}"
outputs = set(re.findall(r"steps\.miglint\.outputs\.([a-z-]+)", open(sys.argv[2]).read()))
assert outputs <= set(action["outputs"]), f"unknown outputs {outputs - set(action['outputs'])}"
EOF

if [ "$failures" -ne 0 ]; then
  for log in "$tmp"/*.log "$tmp"/*.summary; do echo "== $log"; head -c 3000 "$log"; done
fi
finish
