#!/usr/bin/env bash
# Builds and tests miglint against libpg_query 17 (PostgreSQL 17's grammar) instead of the
# distribution's 15 or 16, to prove the code does not depend on one version's protobuf schema.
# The npm package libpg-query@17.1.0 ships the static library, pg_query.h and pg_query.proto for
# Linux; the C header for the parse tree is generated from that .proto with protoc-c.
#
#   scripts/build-pg-query-17.sh [BUILD_DIR]    (default build-pg17/; runs the test suite there)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${1:-$root/build-pg17}"
vendor="$build_dir/libpg-query-17"
"$root/scripts/setup.sh"
if ! command -v protoc-c > /dev/null; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends protobuf-c-compiler > /dev/null
fi
if [ ! -f "$vendor/include/pg_query/pg_query.pb-c.h" ]; then
  mkdir -p "$vendor/include/pg_query"
  (cd "$vendor" && npm pack --silent libpg-query@17.1.0 > /dev/null && tar xzf libpg-query-17.1.0.tgz)
  cp "$vendor/package/libpg_query/include/pg_query.h" "$vendor/include/"
  (cd "$vendor/package/libpg_query/protobuf" && protoc-c --c_out="$vendor/include/pg_query" pg_query.proto)
fi
"$root/scripts/build.sh" "$build_dir" -DPG_QUERY_INCLUDE_DIR="$vendor/include" \
  -DPG_QUERY_LIBRARY="$vendor/package/libpg_query/linux/libpg_query.a"
"$build_dir/miglint" --version
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
