#!/usr/bin/env bash
# Configures ./build-fuzz (clang-14; ASan + UBSan and libFuzzer coverage in
# every library: -DTALLINN_FUZZ=ON) and builds the targets named. One tree
# serves both scripts/fuzz.sh (the fuzz targets) and scripts/asan.sh (the unit
# and API tests), so CI compiles the sources once for both.
# Usage: scripts/sanitize-build.sh TARGET...
set -euo pipefail
cd "$(dirname "$0")/.."
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTALLINN_FUZZ=ON -DTALLINN_BUILD_TESTS=ON -DTALLINN_BUILD_BENCH=OFF -DTALLINN_BUILD_WEB=OFF \
  >/dev/null
cmake --build build-fuzz -j "${TALLINN_JOBS:-$(nproc)}" --target "$@"
