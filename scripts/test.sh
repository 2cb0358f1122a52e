#!/usr/bin/env bash
# The second README command: installs what is missing, builds, and runs every
# test (unit tests, data-driven case files, end-to-end command tests); then
# the unit and API tests again under ASan + UBSan (scripts/asan.sh), and every
# fuzz target's corpus replayed and each fuzzed briefly (scripts/fuzz.sh,
# FUZZ_SECONDS each, default 25).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j "${TALLINN_TEST_JOBS:-2}" --timeout 600
scripts/asan.sh
scripts/fuzz.sh
