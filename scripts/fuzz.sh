#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, AddressSanitizer, UndefinedBehaviorSanitizer) and runs
# each for SECONDS (default 60 in all, split evenly), seeded from the test fixtures and, when
# present, ../shared/corpora. Prints each fuzzer's executions and the total; exits 1 on a crash,
# leak or timeout, leaving the input that caused it in build-fuzz/artifacts/.
#
#   scripts/fuzz.sh [SECONDS] [FUZZER...]    fuzzers: lint layout config prisma
#
# A crash found here becomes a regression test (a fixture or a CLI test) before it is fixed.
# FUZZ_NO_BUILD=1 skips the build (to run several fuzz.sh side by side on one build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=(lint layout config prisma)
build="$root/build-fuzz"
work="$build/run"

if ! command -v clang++ > /dev/null; then
  echo "fuzz.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGLINT_FUZZ=ON \
    -DMIGLINT_TESTS=OFF > /dev/null
  cmake --build "$build" -j "$(nproc)" --target fuzz_lint fuzz_layout fuzz_config fuzz_prisma > /dev/null
fi

# Seeds: fixtures and corpora for SQL; migration folders packed as the layout fuzzer reads them
# (files separated by `=====` lines, each a path line then its text); configs and Prisma schemas.
seed() {
  local name="$1"
  rm -rf "$work/seeds-$name"
  mkdir -p "$work/seeds-$name" "$work/corpus-$name"
  case "$name" in
    lint)
      # libFuzzer runs every seed before it looks at the clock: keep them few and small.
      find "$root/tests" "$root/examples" "$root/../shared/corpora" -name '*.sql' -size -8k 2> /dev/null |
        awk 'NR % 3 == 1' | head -n 400 | while read -r f; do cp "$f" "$work/seeds-$name/$(sha1sum < "$f" | cut -c1-16)"; done
      ;;
    layout)
      local dir i=0
      find "$root/tests" "$root/examples" "$root/../shared/corpora" -type d 2> /dev/null | head -n 60 |
        while read -r dir; do
          i=$((i + 1))
          (cd "$dir" && find . -maxdepth 2 -type f -size -16k | head -n 8 | while read -r f; do
            printf '%s\n%s\n=====\n' "${f#./}" "$(head -c 2000 "$f")"
          done) > "$work/seeds-$name/dir$i"
        done
      ;;
    config)
      find "$root" "$root/../shared/corpora" -name '*.toml' -size -64k -not -path '*/node_modules/*' 2> /dev/null |
        head -n 500 | while read -r f; do cp "$f" "$work/seeds-$name/$(sha1sum < "$f" | cut -c1-16)"; done
      ;;
    prisma)
      find "$root/tests" "$root/../shared/corpora" -name '*.prisma' -size -256k 2> /dev/null |
        head -n 500 | while read -r f; do cp "$f" "$work/seeds-$name/$(sha1sum < "$f" | cut -c1-16)"; done
      ;;
  esac
}

per_fuzzer=$((seconds / ${#fuzzers[@]}))
[ "$per_fuzzer" -ge 1 ] || per_fuzzer=1
mkdir -p "$build/artifacts"
total=0
status=0
for name in "${fuzzers[@]}"; do
  seed "$name" || true  # `head` closing a pipe early is not a failure
  log="$work/$name.log"
  # The known one-byte leak inside libpg_query's PL/pgSQL parser (tests/lsan.supp) is not ours.
  if LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$build/fuzz/fuzz_$name" "$work/corpus-$name" "$work/seeds-$name" -max_total_time="$per_fuzzer" \
    -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$name-" > "$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and $build/artifacts/)"
    status=1
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
  total=$((total + runs))
  printf '%-7s %10s executions in %4s s: %s\n' "$name" "$runs" "$per_fuzzer" "$result"
done
printf 'total   %10s executions\n' "$total"
exit "$status"
