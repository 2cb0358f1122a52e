# Counting checks for the end-to-end shell tests (tests/cli/cli_test.sh,
# tests/pg/pg_ops_test.sh). Source it after setting `work` (a scratch
# folder), or call scratch_with_server; report at the end with `finish`.
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
logged_port() {  # logged_port LOG WHAT: waits (30 s at most) for "WHAT on 127.0.0.1:PORT" in LOG; prints PORT
  local log="$1" what="$2" port=""
  for _ in $(seq 1 300); do
    port="$(grep -o "$what on 127\.0\.0\.1:[0-9]*" "$log" 2>/dev/null | head -1 | sed 's/.*://')"
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.1
  done
  return 1
}
scratch_with_server() {  # sets `work` to a new scratch folder; on exit kills $server_pid (if set) and removes it
  work="$(mktemp -d)"
  server_pid=""
  trap 'if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi; rm -rf "$work"' EXIT
}
