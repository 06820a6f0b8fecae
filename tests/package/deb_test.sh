#!/usr/bin/env bash
# Builds the .deb with CPack from a build tree, unpacks it into a scratch root and runs the
# miglint it contains; checks its Depends are Debian runtime packages and that the man page and
# completions are in place.
#
#   tests/package/deb_test.sh BUILD_DIR
set -uo pipefail
build="$(realpath "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/../lib/check.sh"
if ! (cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -B "$tmp/out" > "$tmp/cpack.log" 2>&1); then
  cat "$tmp/cpack.log"
  exit 1
fi
deb="$(ls "$tmp"/out/*.deb)"
check "one .deb was built" test -f "$deb"
dpkg-deb -f "$deb" Depends > "$tmp/depends"
echo "Depends: $(cat "$tmp/depends")"
check "Depends names the C++ runtime" grep -q 'libstdc++6' "$tmp/depends"
check "Depends names the libraries miglint links" grep -Eq 'libboost-program-options|libfmt' "$tmp/depends"
check "Depends names libpq, which miglint opens at run time" grep -q 'libpq5' "$tmp/depends"
check "every dependency is an installable Debian package" bash -c '
  tr "," "\n" < "$0" | sed -e "s/(.*)//" -e "s/|.*//" -e "s/ //g" | while read -r package; do
    [ -z "$package" ] || apt-cache show "$package" > /dev/null 2>&1 || { echo "unknown package $package"; exit 1; }
  done' "$tmp/depends"
dpkg-deb -x "$deb" "$tmp/root"
check "the packaged miglint runs" bash -c '"$0/usr/bin/miglint" --version | grep -q "^miglint .*grammar)$"' "$tmp/root"
check "the man page is installed" test -s "$tmp/root/usr/share/man/man1/miglint.1"
check "bash completion is installed" test -s "$tmp/root/usr/share/bash-completion/completions/miglint"
check "zsh completion is installed" test -s "$tmp/root/usr/share/zsh/vendor-completions/_miglint"
check "fish completion is installed" test -s "$tmp/root/usr/share/fish/vendor_completions.d/miglint.fish"
finish
