#!/usr/bin/env bash
# Installs everything miglint needs to build and test, from Debian packages. Idempotent: packages
# that are already installed are not touched, and nothing is downloaded when all are present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpg-query-dev libprotobuf-c-dev       # PostgreSQL's parser as a library, and its protobuf headers
  libboost-program-options-dev            # command-line parsing
  nlohmann-json3-dev                      # JSON, SARIF and GitLab reports
  libfmt-dev                              # string formatting (GCC 12 has no <format>)
  libtomlplusplus-dev                     # miglint.toml
  libssl-dev                              # SHA-256 fingerprints (OpenSSL)
  zlib1g-dev                              # CRC-32 for Flyway checksums (miglint status)
  libgtest-dev                            # the test suite
  postgresql libpq-dev                    # the validator's disposable server
  git                                     # tests build small git repositories
)

# The tests run real migration runners from npm (tools/package.json); Node.js comes from Debian
# when the machine has none.
if ! command -v npm >/dev/null 2>&1; then
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
    echo "miglint setup: installing the test runners (dbmate, node-pg-migrate) into tools/" >&2
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_runners
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
install_runners
