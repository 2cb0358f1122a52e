#!/usr/bin/env bash
# Writes every aggregate answer of the coverage endpoints, for every demo
# role and the public, into OUT_DIR (one file per role and request) and
# prints each request's time. Run it before and after a change to the
# aggregates on the same database and `diff -r` the two folders: the answers
# must be byte-identical.
#
# Usage: [REPEAT=N] [ROLES="back-office observer"] bench/api/coverage_snapshot.sh TALLINN DB_URL OUT_DIR
# The database holds the demo data (`tallinn demo`, or bench/load/load_fixture).
# Each request is sent REPEAT times (default 1) one after another; the line
# gives its status and the median and largest time in seconds. /healthz is
# timed the same way as the reference.
set -euo pipefail
tallinn="$1" db="$2" out="$3"
here="$(cd "$(dirname "$0")/../.." && pwd)"
. "$here/tests/support/checks.sh"
mkdir -p "$out"
log="$(mktemp)"
"$tallinn" serve --db "$db" --listen 127.0.0.1:0 --web-root "" --workers 2 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
port="$(logged_port "$log" "serving [^ ]*")"
base="http://127.0.0.1:$port"

repeat="${REPEAT:-1}"
get() {  # get NAME TOKEN PATH: saves the body and prints the times
  local name="$1" token="$2" path="$3" auth=() code times=()
  [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
  for _ in $(seq 1 "$repeat"); do
    read -r code time < <(curl -s -o "$out/$name" -w '%{http_code} %{time_total}\n' \
      "${auth[@]}" "$base$path")
    times+=("$time")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -g))
  printf '%-40s %s median %s max %s\n' "$name" "$code" "${sorted[$(((repeat - 1) / 2))]}" \
    "${sorted[$((repeat - 1))]}"
}

get healthz "" /healthz
get public_summary "" /api/v1/public/summary
for role in ${ROLES:-beneficiary front-office back-office ua-authority donor observer implementer admin}; do
  token="$(curl -s -H 'Content-Type: application/json' \
    -d "{\"email\": \"$role@demo.tallinn.example\", \"password\": \"demo-password-2026\"}" \
    "$base/api/v1/session" | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || { echo "cannot sign in as $role" >&2; exit 1; }
  get "$role.healthz" "$token" /healthz
  for by in sector region category priority; do
    get "$role.coverage_$by" "$token" "/api/v1/coverage?by=$by"
  done
  get "$role.coverage_default" "$token" /api/v1/coverage
  get "$role.coverage_bad" "$token" "/api/v1/coverage?by=colour"
  get "$role.unfunded" "$token" /api/v1/coverage/unfunded
  get "$role.donors" "$token" /api/v1/coverage/donors
done
