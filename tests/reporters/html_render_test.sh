#!/usr/bin/env bash
# The HTML report as its consumer sees it: loaded by headless Chromium, with no network, every
# finding and validate row present in the rendered DOM, and a hostile migration's text shown as
# text, never run as markup.
#
#   tests/reporters/html_render_test.sh PATH/TO/miglint
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
miglint="$(realpath "$1")"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "chromium is not installed (scripts/setup.sh installs it)"
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/../lib/check.sh"
render() {  # render HTML_FILE: the DOM after Chromium loaded the page
  timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
    --dump-dom "file://$1" 2> "$tmp/chromium.err"
}

# The bundled examples: 7 findings.
(cd "$root" && "$miglint" lint --no-config --format html -o "$tmp/examples.html" examples/migrations)
render "$tmp/examples.html" > "$tmp/examples.dom"
check "the page renders" grep -q "<h1>miglint</h1>" "$tmp/examples.dom"
check "every finding is on the page" test "$(grep -o 'class="finding ' "$tmp/examples.dom" | wc -l)" = 7
check "the SQL around a finding is shown, its line marked" \
  grep -qF '<span class="line hit"><span class="n">5</span>ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;</span>' "$tmp/examples.dom"
check "nothing is loaded from the network" bash -c "! grep -Eq '(src|href)=\"https?:' '$tmp/examples.html'"

# A migration that tries to inject markup through its name and its SQL.
mkdir -p "$tmp/hostile"
printf 'ALTER TABLE "<img src=x onerror=alert(1)>" DROP COLUMN "<script>document.title=1</script>";\n' \
  > "$tmp/hostile/001_<b>bold<b>.sql"
"$miglint" lint --no-config --format html -o "$tmp/hostile.html" "$tmp/hostile/"*.sql
render "$tmp/hostile.html" > "$tmp/hostile.dom"
check "hostile SQL is text: no injected element" bash -c "! grep -Eq '<(img|script|b)[ >]' '$tmp/hostile.dom'"
check "hostile SQL is shown escaped" grep -qF '&lt;script&gt;document.title=1&lt;/script&gt;' "$tmp/hostile.dom"
check "the title is untouched" grep -qF '<title>miglint report</title>' "$tmp/hostile.dom"

# validate: a row per migration with each step.
mkdir -p "$tmp/checked"
echo "CREATE TABLE a (id int);" > "$tmp/checked/1_a.up.sql"
echo "DROP TABLE a;" > "$tmp/checked/1_a.down.sql"
echo "CREATE TABLE b (id int);" > "$tmp/checked/2_b.up.sql"
echo "SELECT 1;" > "$tmp/checked/2_b.down.sql"
"$miglint" validate --no-config --format html -o "$tmp/validate.html" "$tmp/checked"
render "$tmp/validate.html" > "$tmp/validate.dom"
check "validate's rows are on the page" grep -qE '<tr><td>1 a</td><td class="where">[^<]*1_a.up.sql</td><td class="passed">passed \([0-9.]+ s\)</td><td class="passed">' "$tmp/validate.dom"
check "a down that does not revert is marked" grep -qE '<td>2 b</td>.*<td class="differs">differs' "$tmp/validate.dom"

# validate --trace: a timeline per migration, the strongest lock highlighted, rewrites marked.
mkdir -p "$tmp/traced"
printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nINSERT INTO users SELECT g, g::text FROM generate_series(1, 50) g;\n' \
  > "$tmp/traced/1_users.up.sql"
echo 'ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT clock_timestamp();' > "$tmp/traced/2_seen.up.sql"
echo 'CREATE INDEX users_email ON users (email);' > "$tmp/traced/3_index.up.sql"
"$miglint" validate --no-config --trace --format html -o "$tmp/trace.html" "$tmp/traced"
render "$tmp/trace.html" > "$tmp/trace.dom"
check "the statement trace is on the page" grep -qF '<h2>Statement trace</h2>' "$tmp/trace.dom"
check "one timeline row per statement" test "$(grep -o '<tr class="traced">' "$tmp/trace.dom" | wc -l)" = 4
check "ACCESS EXCLUSIVE is the highlighted lock of the rewrite" \
  grep -qF '<span class="lock strongest blocks-reads">AccessExclusiveLock</span> on <code>users</code> (table)' "$tmp/trace.dom"
check "the rewrite is marked" grep -qE '<span class="mark rewrite">rewrite</span>users' "$tmp/trace.dom"
check "CREATE INDEX takes SHARE, highlighted as its strongest" \
  grep -qF '<span class="lock strongest">ShareLock</span> on <code>users</code> (table)' "$tmp/trace.dom"
check "each statement has its time bar" test "$(grep -o 'class="bar" style="width: [0-9]*%' "$tmp/trace.dom" | wc -l)" = 4

finish
