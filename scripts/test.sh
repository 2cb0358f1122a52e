#!/usr/bin/env bash
# The second README command: installs what is missing, builds, and runs every
# test (unit tests, data-driven case files, end-to-end command tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j "${TALLINN_TEST_JOBS:-2}" --timeout 600
