# Counting checks for the end-to-end shell tests (tests/cli/cli_test.sh,
# tests/pg/pg_ops_test.sh). Source it after setting `work` (a scratch
# folder); report at the end with `finish`.
passed=0
failed=0

check() {  # check NAME COMMAND...: the command must succeed
  local name="$1"; shift
  if "$@" >"$work/out" 2>"$work/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: $name"; cat "$work/out" "$work/err" | head -20; fi
}
refuse() {  # refuse NAME EXPECTED_TEXT COMMAND...: must fail, name the problem, not crash
  local name="$1" text="$2"; shift 2
  "$@" >"$work/out" 2>"$work/err"; local code=$?
  if [ "$code" -ne 0 ] && [ "$code" -lt 128 ] && grep -q -- "$text" "$work/out" "$work/err"; then
    passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: $name (exit $code)"; cat "$work/out" "$work/err" | head -20; fi
}
expect() {  # expect NAME COMMAND...: the command (a condition) holds
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
finish() {  # the counts; exit status 0 only when nothing failed
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
