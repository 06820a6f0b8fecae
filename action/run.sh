#!/usr/bin/env bash
# The script behind action.yml. `run.sh build` installs dependencies and builds miglint from this
# checkout; `run.sh lint` lints $MIGLINT_PATHS and prints GitHub annotations.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
miglint="$root/build/miglint"

case "${1:-}" in
  build)
    "$root/scripts/setup.sh"
    "$root/scripts/build.sh" "$root/build" -DMIGLINT_TESTS=OFF >/dev/null
    ;;
  lint)
    args=(lint)
    [ -n "${MIGLINT_PG_VERSION:-}" ] && args+=(--pg-version "$MIGLINT_PG_VERSION")
    [ -n "${MIGLINT_FAIL_ON:-}" ] && args+=(--fail-on "$MIGLINT_FAIL_ON")
    [ -n "${MIGLINT_CONFIG:-}" ] && args+=(--config "$MIGLINT_CONFIG")
    [ -n "${MIGLINT_BASE:-}" ] && args+=(--base "$MIGLINT_BASE")
    # Paths are separated by spaces or newlines (paths with spaces are not supported).
    IFS=$' \t\n' read -r -d '' -a filtered <<< "${MIGLINT_PATHS:-}" || true
    if [ ${#filtered[@]} -eq 0 ]; then
      echo "::error title=miglint::the paths input is empty" >&2
      exit 2
    fi
    if [ -n "${MIGLINT_SARIF_FILE:-}" ]; then
      "$miglint" "${args[@]}" --format sarif --output "$MIGLINT_SARIF_FILE" -- "${filtered[@]}" || [ $? -eq 1 ]
    fi
    "$miglint" "${args[@]}" --format github -- "${filtered[@]}"
    ;;
  *)
    echo "usage: run.sh build|lint" >&2
    exit 2
    ;;
esac
