#!/usr/bin/env bash
# The command line and the operations on PostgreSQL, end to end, on a
# throwaway cluster of this test's own (it stops that cluster on purpose):
#   1. every command with --db postgresql://...: migrate (twice), org add,
#      user add, demo, audit verify (and that it finds an edited entry),
#      serve;
#   2. a database outage: while the cluster is down the server answers 503
#      with the error body, at once and without dying; /healthz says so; once
#      the cluster is back the same server process serves again by itself;
#   3. backup and restore: scripts/pg-backup.sh while the server runs,
#      scripts/pg-restore.sh into a new database, `audit verify` on it, and
#      the same rows; a restore into a non-empty database is refused.
# Run by ctest: TALLINN=path/to/tallinn pg_ops_test.sh. Exit 77 (skip) when
# PostgreSQL 15 is not installed.
set -uo pipefail
tallinn="${TALLINN:?set TALLINN to the binary}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
work="$(mktemp -d)"
state="$work/cluster"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  "$root/scripts/pg-test-cluster.sh" stop "$state" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
source "$root/tests/support/checks.sh"

admin="$("$root/scripts/pg-test-cluster.sh" start "$state")" || { echo "cluster did not start"; exit 1; }
if [ -z "$admin" ]; then echo "no PostgreSQL 15: skipped"; exit 77; fi
sql() { "$PG_BIN/psql" --no-psqlrc --quiet --tuples-only --no-align --dbname="$1" --command="$2"; }
# The databases belong to an ordinary role, as in the README: migrations
# must not need a superuser (unaccent is a trusted extension).
sql "$admin" "CREATE ROLE app LOGIN" >/dev/null
app_base="${admin%/*}"
app_base="${app_base/tallinn@/app@}"
new_database() { sql "$admin" "CREATE DATABASE $1 OWNER app" >/dev/null && echo "$app_base/$1"; }
db="$(new_database cli)"
demo_db="$(new_database demo)"
restored_db="$(new_database restored)"

# 1. Every command.
check "migrate" "$tallinn" migrate --db "$db"
# The cluster trusts local connections, so any password is accepted.
check "migrate is safe twice" "$tallinn" migrate --db "${db/app@/app:secret-pw@}"
expect "migrate prints no password" bash -c "grep -q '\*\*\*' '$work/out' && ! grep -q secret-pw '$work/out'"
check "org add" "$tallinn" org add --name "Estonia" --kind donor --country EE --db "$db"
org="$(cat "$work/out")"
[[ "$org" =~ ^[0-9a-f]{32}$ ]] || { failed=$((failed + 1)); echo "FAIL: org id shape: $org"; }
refuse "org add bad kind" "kind" "$tallinn" org add --name X --kind wizard --db "$db"
check "user add" bash -c "printf 'a long enough password' | '$tallinn' user add --org $org --email desk@ee.example --password-stdin --db '$db'"
refuse "user add twice" "email" bash -c "printf 'another password' | '$tallinn' user add --org $org --email DESK@ee.example --password-stdin --db '$db'"
check "audit verify" "$tallinn" audit verify --db "$db"
refuse "demo into a non-empty database" "not empty" "$tallinn" demo --db "$db"
check "demo" "$tallinn" demo --db "$demo_db"
check "audit verify after demo" "$tallinn" audit verify --db "$demo_db"
refuse "an unreachable server is a clean failure" "database unavailable" "$tallinn" migrate --db "postgresql://tallinn@127.0.0.1:1/none"

# An edited audit entry is found (the append-only triggers switched off first).
tampered_db="$(new_database tampered)"
"$PG_BIN/pg_dump" --format=custom --dbname="$demo_db" --file="$work/tamper.dump"
"$PG_BIN/pg_restore" --no-owner --dbname="$tampered_db" "$work/tamper.dump"
sql "$tampered_db" "ALTER TABLE audit DISABLE TRIGGER USER; UPDATE audit SET outcome = 'forbidden' WHERE sequence = 5"
refuse "audit verify finds an edited entry" "sequence 5" "$tallinn" audit verify --db "$tampered_db"

# serve on PostgreSQL.
port=$((20000 + RANDOM % 20000))
"$tallinn" serve --db "$demo_db" --listen "127.0.0.1:$port" --web-root "" >"$work/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
check "healthz" curl -sf "$base/healthz"
token="$(curl -s -X POST "$base/api/v1/session" \
  -d '{"email":"back-office@demo.tallinn.example","password":"demo-password-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
auth="Authorization: Bearer $token"
check "sign-in and a list" bash -c "curl -sf -H '$auth' '$base/api/v1/needs?limit=5' | grep -q items"

# 2. The outage.
"$root/scripts/pg-test-cluster.sh" halt "$state"
status_of() { curl -s -o "$work/body" -w '%{http_code}' --max-time 10 "$@"; }
expect "healthz answers 503 while the database is down" [ "$(status_of "$base/healthz")" = 503 ]
expect "healthz names the cause" grep -q '"code":"unavailable"' "$work/body"
expect "a read answers 503 with the error body" [ "$(status_of -H "$auth" "$base/api/v1/needs")" = 503 ]
expect "the body is the standard error body" python3 -c "
import json; e = json.load(open('$work/body'))['error']; assert e['code'] == 'unavailable' and e['message']"
expect "a write answers 503" [ "$(status_of -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d '{"title":"x"}' "$base/api/v1/meetings")" = 503 ]
expect "the server is still running" kill -0 "$server_pid"
"$root/scripts/pg-test-cluster.sh" resume "$state"
recovered=no
for _ in $(seq 1 100); do
  [ "$(status_of "$base/healthz")" = 200 ] && { recovered=yes; break; }
  sleep 0.1
done
expect "healthz recovers without a restart" [ "$recovered" = yes ]
check "reads work again" bash -c "curl -sf -H '$auth' '$base/api/v1/needs?limit=5' | grep -q items"
check "writes work again" bash -c "curl -sf -X POST -H '$auth' -H 'Content-Type: application/json' \
  -d '{\"title\":\"After the outage\",\"agenda\":\"-\"}' '$base/api/v1/meetings' | grep -q id"

# 3. Backup while serving, restore, verify.
check "backup" "$root/scripts/pg-backup.sh" "$demo_db" "$work/tallinn.dump"
check "restore and verify" "$root/scripts/pg-restore.sh" "$work/tallinn.dump" "$restored_db" "$tallinn"
for table in audit needs offers allocations users sessions; do
  expect "restored $table rows" [ "$(sql "$demo_db" "SELECT count(*) FROM $table")" = \
    "$(sql "$restored_db" "SELECT count(*) FROM $table")" ]
done
expect "the restored chain ends in the same hash" [ \
  "$(sql "$demo_db" "SELECT hash FROM audit ORDER BY sequence DESC LIMIT 1")" = \
  "$(sql "$restored_db" "SELECT hash FROM audit ORDER BY sequence DESC LIMIT 1")" ]
refuse "restore into a non-empty database" "not empty" \
  "$root/scripts/pg-restore.sh" "$work/tallinn.dump" "$restored_db" "$tallinn"

kill -TERM "$server_pid"
if wait "$server_pid"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: serve exits 0 on SIGTERM"; fi
server_pid=""

finish
