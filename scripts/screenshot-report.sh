#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and saves a screenshot of it.
#
#   scripts/screenshot-report.sh REPORT.html [OUT.png]   (default: REPORT.png)
#
# Make a report with `miglint lint --format html -o report.html DIR` (or `validate`).
# Chromium: Debian's `chromium` package (scripts/setup.sh installs it).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: screenshot-report.sh REPORT.html [OUT.png]" >&2; exit 2; }
report="$(realpath "$1")"
out="$(realpath -m "${2:-${1%.html}.png}")"
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "chromium not found: apt-get install chromium" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: containers and CI runners often lack the user namespaces the sandbox needs.
timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1200,1600 --screenshot="$out" "file://$report" > /dev/null 2>&1
echo "$out"
