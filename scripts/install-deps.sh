#!/usr/bin/env bash
# Installs, with apt-get, every Debian package tallinn needs to build, test and serve.
# Safe to run again: packages already present are skipped.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost-dev libboost-system-dev
  nlohmann-json3-dev libsimdjson-dev
  libsqlite3-dev sqlite3
  libpqxx-dev libpq-dev postgresql-15
  libsodium-dev libssl-dev openssl
  libspdlog-dev libfmt-dev libcli11-dev
  liblemon-dev coinor-libcbc-dev coinor-libclp-dev libglpk-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  python3 python3-numpy curl slowhttptest
  chromium
)
# The web application builds with Node.js and npm (web/). Add Debian's only
# where none is installed: a machine may carry a newer Node.js from elsewhere
# (NodeSource's nodejs bundles npm, and Debian's npm would conflict with it).
# Vite, Vitest and playwright-core want Node.js 20 or newer.
if ! command -v node >/dev/null 2>&1; then PACKAGES+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
