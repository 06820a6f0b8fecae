#!/usr/bin/env bash
# Installs everything miglint needs to build and test, from Debian packages. Idempotent: packages
# that are already installed are not touched, and nothing is downloaded when all are present.
set -euo pipefail

# What to install: everything for the test suite (default), or with --for only what the GitHub
# Action needs: `build` (compile miglint), `run` (run a cached build), plus --server for the
# validator's private PostgreSQL.
purpose=test
server=0
while [ $# -gt 0 ]; do
  case "$1" in
    --for) purpose="${2:-}"; shift 2 ;;
    --for=*) purpose="${1#--for=}"; shift ;;
    --server) server=1; shift ;;
    *) echo "usage: setup.sh [--for test|build|run] [--server]" >&2; exit 2 ;;
  esac
done

libraries=(
  libpg-query-dev libprotobuf-c-dev       # PostgreSQL's parser as a library, and its protobuf headers
  libboost-program-options-dev            # command-line parsing
  nlohmann-json3-dev                      # JSON, SARIF and GitLab reports
  libfmt-dev                              # string formatting (GCC 12 has no <format>)
  libtomlplusplus-dev                     # miglint.toml
  libmd-dev                               # SHA-256 and MD5 (fingerprints, checksums)
  zlib1g-dev                              # CRC-32 for Flyway checksums (miglint status)
  libpq-dev                               # the validator's connection to PostgreSQL
  git                                     # --base reads the applied migrations from git
)
case "$purpose" in
  run) packages=("${libraries[@]}" jq curl) ;;                  # jq, curl: the Action's script
  build) packages=(build-essential cmake pkg-config "${libraries[@]}" jq curl) ;;
  test)
    packages=(build-essential cmake pkg-config "${libraries[@]}"
      libgtest-dev                        # the test suite
      postgresql                          # the validator's disposable server
      jq curl python3 python3-yaml        # the Action's tests: its script, a fake GitHub API, action.yml
      chromium                            # renders the HTML report in its test
      dpkg-dev                            # dpkg-shlibdeps: the .deb's dependencies (cpack)
      clang libclang-rt-dev               # libFuzzer for the fuzz smoke pass (scripts/fuzz.sh)
    )
    server=1
    ;;
  *) echo "setup.sh: --for must be test, build or run, not \`$purpose'" >&2; exit 2 ;;
esac
[ "$server" = 1 ] && packages+=(postgresql)

# The tests run real migration runners from npm (tools/package.json); Node.js comes from Debian
# when the machine has none.
if [ "$purpose" = test ] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

install_runners() {
  local tools
  tools="$(cd "$(dirname "$0")/.." && pwd)/tools"
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f "$tools/node_modules/.package-lock.json" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    echo "miglint setup: installing the test runners (dbmate, node-pg-migrate, drizzle, Prisma's schema engine) into tools/" >&2
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  [ "$purpose" = test ] && install_runners
  exit 0
fi

echo "miglint setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "miglint setup: need root or sudo to install: ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ "$purpose" = test ]; then install_runners; fi
