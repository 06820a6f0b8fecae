#!/usr/bin/env bash
# Set-up, then build and run the whole test suite twice: a normal build, and one under
# AddressSanitizer + UndefinedBehaviorSanitizer; then a one-minute smoke pass of the fuzzers, so
# they keep building and the pipeline survives a first burst of hostile input.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
# The real runners (tools/) are installed by setup: here their tests must run, not skip.
export MIGLINT_REQUIRE_RUNNERS=1

echo "== build and test (RelWithDebInfo)"
"$root/scripts/build.sh" "$root/build" -DMIGLINT_WERROR=ON
ctest --test-dir "$root/build" --output-on-failure -j "$(nproc)"

echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer)"
"$root/scripts/build.sh" "$root/build-sanitize" -DMIGLINT_SANITIZE=ON -DMIGLINT_WERROR=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" \
  ctest --test-dir "$root/build-sanitize" --output-on-failure -j "$(nproc)"

echo "== fuzz smoke (libFuzzer + ASan + UBSan, 60 s in all)"
"$root/scripts/fuzz.sh" 60
