#!/usr/bin/env bash
# The script behind action.yml, one subcommand per step:
#   run.sh fingerprint   hash of miglint's sources, the key of the cached build
#   run.sh install       the Debian packages the step needs, and the build on a cache miss
#   run.sh run           lint (and validate), annotations, summary, outputs, comment
# Inputs arrive as MIGLINT_* environment variables (see action.yml); GitHub's own variables
# (GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_API_URL, ...) are read as the
# runner sets them, so the tests can run this script with a simulated GitHub.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${MIGLINT_BUILD_DIR:-$root/build-action}"
miglint="${MIGLINT_BIN:-$build_dir/miglint}"
marker="<!-- miglint-report -->"
# GitHub's limits: a comment holds 65,536 characters, a step summary 1 MiB.
comment_limit=60000
summary_limit=1000000

is_true() { [ "${1:-}" = "true" ]; }

# Workflow-command escaping of a message (the runner decodes %25, %0D and %0A).
escape() { local s="${1//'%'/%25}"; s="${s//$'\r'/%0D}"; printf '%s' "${s//$'\n'/%0A}"; }

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi
}

fingerprint() {
  local hash
  hash="$(cd "$root" && find CMakeLists.txt cli linter reporters rules validator scripts/build.sh -type f -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)"
  set_output hash "$hash"
  echo "$hash"
}

install() {
  local server=()
  if is_true "${MIGLINT_VALIDATE:-}" && [ -z "${MIGLINT_DATABASE_URL:-}" ]; then server=(--server); fi
  if is_true "${MIGLINT_CACHE_HIT:-}" && [ -x "$miglint" ]; then
    "$root/scripts/setup.sh" --for run "${server[@]}"
  else
    "$root/scripts/setup.sh" --for build "${server[@]}"
    "$root/scripts/build.sh" "$build_dir" -DMIGLINT_TESTS=OFF > /dev/null
  fi
  "$miglint" --version
}

# The pull request's field (e.g. .base.sha) from the event payload, or nothing.
pull_request_field() {
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target) ;;
    *) return 0 ;;
  esac
  [ -f "${GITHUB_EVENT_PATH:-}" ] || return 0
  jq -r ".pull_request$1 // empty" "$GITHUB_EVENT_PATH"
}

# Sets `base`: the input, else the pull request's base commit, fetched when a shallow checkout
# lacks it (so fetch-depth: 0 is not needed).
resolve_base() {
  base="${MIGLINT_BASE:-}"
  [ -n "$base" ] || base="$(pull_request_field .base.sha)"
  [ -n "$base" ] || return 0
  if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null 2>&1; then
    if ! git fetch --quiet --no-tags --depth=1 origin "$base" 2> "$work/fetch.err"; then
      echo "::error title=miglint::$(escape "cannot fetch the base commit $base from origin: $(cat "$work/fetch.err")")"
      return 2
    fi
  fi
}

# Links in the report point at the pull request's head (or the pushed commit), under the
# working directory's place in the repository.
link_prefix() {
  [ -n "${GITHUB_REPOSITORY:-}" ] || return 0
  local sha subdir=""
  sha="$(pull_request_field .head.sha)"
  [ -n "$sha" ] || sha="${GITHUB_SHA:-}"
  [ -n "$sha" ] || return 0
  if [ -n "${GITHUB_WORKSPACE:-}" ]; then
    subdir="$(realpath --relative-to="$GITHUB_WORKSPACE" "$PWD")/"
    [ "$subdir" != "./" ] || subdir=""
  fi
  echo "${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/$sha/$subdir"
}

# Runs one miglint command ($3, with its arguments after it); its annotations go to the log, its
# Markdown report to $2. Returns
# miglint's exit code; a tool error (2) becomes an ::error annotation with miglint's message.
run_miglint() {
  local title="$1" markdown="$2"
  shift 2
  local code=0
  local command="$1"
  shift
  "$miglint" "$command" --format github --report "markdown=$markdown" "$@" > "$work/annotations" 2> "$work/stderr" || code=$?
  cat "$work/annotations"
  if [ "$code" -ge 2 ]; then
    local message
    message="$(sed 's/^miglint: error: //' "$work/stderr")"
    echo "::error title=miglint $title::$(escape "${message:-miglint exited with code $code}")"
    return "$code"
  fi
  cat "$work/stderr" >&2
  errors=$((errors + $(grep -c '^::error ' "$work/annotations" || true)))
  warnings=$((warnings + $(grep -c '^::warning ' "$work/annotations" || true)))
  notes=$((notes + $(grep -c '^::notice ' "$work/annotations" || true)))
  # The report's heading says which command wrote it.
  sed -i "1s|^## miglint\$|## miglint $title|" "$markdown"
  cat "$markdown" >> "$report"
  return "$code"
}

# $1 truncated to at most $2 bytes at a line boundary, with a note when anything was cut.
truncated() {
  local file="$1" limit="$2"
  if [ "$(wc -c < "$file")" -le "$limit" ]; then
    cat "$file"
    return
  fi
  head -c "$limit" "$file" | sed '$d'
  printf '\n\n_The report was cut here to fit GitHub'"'"'s size limit: the job summary and the SARIF file have every finding._\n'
}

# Posts the report as the pull request's comment, or updates the one posted before (found by
# its hidden marker). Problems with the comment are notices, never a failed step.
comment() {
  local number api="${GITHUB_API_URL:-https://api.github.com}" repository="${GITHUB_REPOSITORY:-}"
  number="$(pull_request_field .number)"
  if [ -z "$number" ] || [ -z "$repository" ]; then
    echo "::notice title=miglint::comment is on, but this run is not for a pull request: no comment posted"
    return 0
  fi
  { echo "$marker"; truncated "$report" "$comment_limit"; } > "$work/comment.md"
  jq -n --rawfile body "$work/comment.md" '{body: $body}' > "$work/comment.json"
  local page=1 existing="" status
  while [ -z "$existing" ]; do
    status="$(curl -sS -o "$work/comments.json" -w '%{http_code}' -H "Authorization: Bearer ${GITHUB_TOKEN:-}" \
      -H "Accept: application/vnd.github+json" "$api/repos/$repository/issues/$number/comments?per_page=100&page=$page")" || status=000
    [ "$status" = 200 ] || break
    [ "$(jq 'length' "$work/comments.json")" -gt 0 ] || break
    existing="$(jq -r --arg marker "$marker" '[.[] | select(.body | startswith($marker))][0].id // empty' "$work/comments.json")"
    page=$((page + 1))
  done
  local method=POST url="$api/repos/$repository/issues/$number/comments"
  if [ -n "$existing" ]; then method=PATCH url="$api/repos/$repository/issues/comments/$existing"; fi
  status="$(curl -sS -o "$work/response.json" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${GITHUB_TOKEN:-}" \
    -H "Accept: application/vnd.github+json" --data-binary "@$work/comment.json" "$url")" || status=000
  case "$status" in
    200 | 201) echo "miglint: $( [ "$method" = PATCH ] && echo updated || echo posted) the pull-request comment" ;;
    403 | 404)
      echo "::notice title=miglint::cannot comment on this pull request (HTTP $status): the token has no write access, as for pull requests from forks; the job summary has the report" ;;
    *) echo "::notice title=miglint::posting the pull-request comment failed (HTTP $status); the job summary has the report" ;;
  esac
}

run() {
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  local out_dir="${RUNNER_TEMP:-$work}/miglint-report"
  mkdir -p "$out_dir"
  report="$out_dir/miglint.md"
  : > "$report"
  errors=0 warnings=0 notes=0

  local paths=()
  IFS=$' \t\n' read -r -d '' -a paths <<< "${MIGLINT_PATHS:-}" || true
  if [ ${#paths[@]} -eq 0 ]; then
    echo "::error title=miglint::the path input is empty: give the migration directory"
    return 2
  fi
  case "${MIGLINT_FAIL_ON:-error}" in
    error | warning | note | never) ;;
    *) echo "::error title=miglint::$(escape "fail-on must be error, warning, note or never, not \`$MIGLINT_FAIL_ON'")"; return 2 ;;
  esac
  local base
  resolve_base || return 2
  local common=(--fail-on "${MIGLINT_FAIL_ON:-error}")
  [ -n "${MIGLINT_CONFIG:-}" ] && common+=(--config "$MIGLINT_CONFIG")
  [ -n "$base" ] && common+=(--base "$base")
  local prefix
  prefix="$(link_prefix)"
  [ -n "$prefix" ] && common+=(--link-prefix "$prefix")

  local worst=0 code
  if is_true "${MIGLINT_LINT:-true}"; then
    local lint=(lint "${common[@]}")
    [ -n "${MIGLINT_PG_VERSION:-}" ] && lint+=(--pg-version "$MIGLINT_PG_VERSION")
    if [ -n "${MIGLINT_SARIF_FILE:-}" ]; then
      lint+=(--report "sarif=$MIGLINT_SARIF_FILE")
    fi
    code=0
    run_miglint lint "$work/lint.md" "${lint[@]}" -- "${paths[@]}" || code=$?
    [ "$code" -le "$worst" ] || worst=$code
    if [ "$code" -lt 2 ] && [ -n "${MIGLINT_SARIF_FILE:-}" ]; then set_output sarif-file "$MIGLINT_SARIF_FILE"; fi
  fi
  if is_true "${MIGLINT_VALIDATE:-}" && [ "$worst" -lt 2 ]; then
    local validate=(validate "${common[@]}")
    [ -n "${MIGLINT_DATABASE_URL:-}" ] && validate+=(--database-url "$MIGLINT_DATABASE_URL")
    local model
    while IFS= read -r model; do
      [ -n "$model" ] && validate+=(--models "$model")
    done <<< "${MIGLINT_MODELS:-}"
    local i=0 dir
    for dir in "${paths[@]}"; do
      i=$((i + 1))
      code=0
      run_miglint "validate $dir" "$work/validate-$i.md" "${validate[@]}" -- "$dir" || code=$?
      [ "$code" -le "$worst" ] || worst=$code
      [ "$code" -lt 2 ] || break
    done
  fi

  if [ -s "$report" ]; then
    [ -z "${GITHUB_STEP_SUMMARY:-}" ] || truncated "$report" "$summary_limit" >> "$GITHUB_STEP_SUMMARY"
    set_output report "$report"
    if is_true "${MIGLINT_COMMENT:-}"; then comment; fi
  fi
  set_output errors "$errors"
  set_output warnings "$warnings"
  set_output notes "$notes"
  echo "miglint: $errors errors, $warnings warnings, $notes notes"
  return "$worst"
}

case "${1:-}" in
  fingerprint) fingerprint ;;
  install) install ;;
  run) run ;;
  *)
    echo "usage: run.sh fingerprint|install|run" >&2
    exit 2
    ;;
esac
