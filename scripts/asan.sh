#!/usr/bin/env bash
# Builds the unit tests and the API tests with AddressSanitizer and UBSan
# (clang-14, in the fuzz targets' tree ./build-fuzz: scripts/sanitize-build.sh)
# and runs them; any report fails the test that caused it. No web
# application, no browser tests, no tests that drive the tallinn binary from
# a shell (the main build runs those). docs/security.md, "Fuzzing and
# sanitizers".
set -euo pipefail
cd "$(dirname "$0")/.."
tests=(core_test observe_test policy_test match_test matchio_test audit_test auth_test store_test
  http_test cli_config_test match_case_test api_cases_test api_openapi_test
  api_session_security_test api_audit_tamper_test)

scripts/sanitize-build.sh "${tests[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
selection="^($(IFS='|'; echo "${tests[*]}"))\\."
ctest --test-dir build-fuzz --output-on-failure -j "${TALLINN_TEST_JOBS:-2}" --timeout 900 \
  -R "$selection"
