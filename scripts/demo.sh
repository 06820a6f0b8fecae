#!/usr/bin/env bash
# Set-up, build, then lint the bundled example migrations.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" >/dev/null
cd "$root"
set +e
./build/miglint lint examples/migrations
status=$?
set -e
if [ "$status" -eq 1 ]; then
  echo
  echo "miglint exited with 1 because it found errors: that is what it is for. Try also:"
  echo "  ./build/miglint explain adding-required-field"
  echo "  ./build/miglint lint --format sarif examples/migrations"
  exit 0
fi
exit "$status"
