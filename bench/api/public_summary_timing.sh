#!/usr/bin/env bash
# Times GET /api/v1/public/summary (no sign-in) against /healthz on one
# server: each request sent REPEAT times (default 3) one after another, one
# line per send with status, curl's time_total in seconds and the body size.
# Run it with the binary before and after a change on the same database.
#
# Usage: [REPEAT=N] bench/api/public_summary_timing.sh TALLINN DB_URL
# The database holds the demo data (bench/load/load_fixture --needs 100000).
set -euo pipefail
tallinn="$1" db="$2"
here="$(cd "$(dirname "$0")/../.." && pwd)"
. "$here/tests/support/checks.sh"
log="$(mktemp)"
"$tallinn" serve --db "$db" --listen 127.0.0.1:0 --web-root "" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
port="$(logged_port "$log" "serving [^ ]*")"
for target in /healthz /api/v1/public/summary "/api/v1/public/summary?limit=25" /healthz; do
  for run in $(seq 1 "${REPEAT:-3}"); do
    curl -s -o /dev/null -w "$target run $run: %{http_code} %{time_total} s %{size_download} bytes\n" \
      "http://127.0.0.1:$port$target"
  done
done
