#!/usr/bin/env bash
# End-to-end checks of the tallinn command line (api.md, "Command line"),
# run by ctest against the built binary: TALLINN=path/to/tallinn cli_test.sh
set -uo pipefail
tallinn="${TALLINN:?set TALLINN to the binary}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite://$work/t.db"
source "$(dirname "$0")/../support/checks.sh"

check "help" "$tallinn" --help
for command in serve migrate demo match "org add" "user add" "audit verify" "audit checkpoint" \
  "matching-run create" "matching-run show" "proposal create" "meeting create" "meeting open" \
  "meeting close" "meeting show" "allocation list" "allocation show" "allocation decide" coverage \
  backup restore; do
  check "help of $command" $tallinn $command --help
done

check "migrate" "$tallinn" migrate --db "$db"
check "migrate is safe twice" "$tallinn" migrate --db "$db"
refuse "unknown db scheme" "db" "$tallinn" migrate --db "mysql://x"

check "org add" "$tallinn" org add --name "Estonia" --kind donor --country EE --db "$db"
org="$(cat "$work/out")"
[[ "$org" =~ ^[0-9a-f]{32}$ ]] || { failed=$((failed + 1)); echo "FAIL: org id shape: $org"; }
refuse "org add bad kind" "kind" "$tallinn" org add --name X --kind wizard --db "$db"
refuse "org add bad country" "country" "$tallinn" org add --name X --kind donor --country est --db "$db"
refuse "org add no name" "name" "$tallinn" org add --kind donor --db "$db"

check "user add" bash -c "printf 'a long enough password' | '$tallinn' user add --org $org --email desk@ee.example --password-stdin --db '$db'"
refuse "user add twice" "email" bash -c "printf 'another password' | '$tallinn' user add --org $org --email DESK@ee.example --password-stdin --db '$db'"
refuse "user add unknown org" "org" bash -c "printf 'pw-pw-pw-pw-pw' | '$tallinn' user add --org 00000000000000000000000000000000 --email a@b.example --password-stdin --db '$db'"
refuse "user add bad email" "email" bash -c "printf 'pw-pw-pw-pw-pw' | '$tallinn' user add --org $org --email nope --password-stdin --db '$db'"
refuse "user add without stdin flag" "password-stdin" "$tallinn" user add --org "$org" --email x@y.example --db "$db"
refuse "user add short password" "12 characters" bash -c "printf 'elevenchars' | '$tallinn' user add --org $org --email short@ee.example --password-stdin --db '$db'"
refuse "user add common password" "common" bash -c "printf 'qwerty123456' | '$tallinn' user add --org $org --email common@ee.example --password-stdin --db '$db'"
refuse "user add 1 MiB password" "password" bash -c "head -c 1048576 /dev/zero | tr '\\0' a | '$tallinn' user add --org $org --email big@ee.example --password-stdin --db '$db'"

check "audit verify" "$tallinn" audit verify --db "$db"
refuse "demo into a non-empty database" "not empty" "$tallinn" demo --db "$db"

demo_db="sqlite://$work/demo.db"
check "demo" "$tallinn" demo --db "$demo_db"
grep -q "back-office@demo.tallinn.example" "$work/out" || { failed=$((failed + 1)); echo "FAIL: demo prints sign-ins"; }
check "demo --if-empty on a loaded database" "$tallinn" demo --db "$demo_db" --if-empty
check "audit verify after demo" "$tallinn" audit verify --db "$demo_db"

# Any edit of a stored audit entry is found.
cp "$work/demo.db" "$work/tampered.db"
sqlite3 "$work/tampered.db" "PRAGMA writable_schema=0; DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete;" 2>/dev/null
audit_table="$(sqlite3 "$work/tampered.db" "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'audit%' LIMIT 1")"
sqlite3 "$work/tampered.db" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='$audit_table'" | while read -r trigger; do
  sqlite3 "$work/tampered.db" "DROP TRIGGER \"$trigger\""; done
sqlite3 "$work/tampered.db" "UPDATE $audit_table SET outcome='forbidden' WHERE sequence=5"
refuse "audit verify finds an edited entry" "sequence 5" "$tallinn" audit verify --db "sqlite://$work/tampered.db"

# A checkpoint kept elsewhere exposes a cut tail, which alone looks intact.
check "audit checkpoint" "$tallinn" audit checkpoint --db "$demo_db"
checkpoint="$(cat "$work/out")"
[[ "$checkpoint" =~ ^[0-9a-f]{64}:[0-9]+$ ]] || { failed=$((failed + 1)); echo "FAIL: checkpoint shape: $checkpoint"; }
check "audit verify at the checkpoint" "$tallinn" audit verify --db "$demo_db" --checkpoint "$checkpoint"
cp "$work/demo.db" "$work/cut.db"
sqlite3 "$work/cut.db" "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit'" | while read -r trigger; do
  sqlite3 "$work/cut.db" "DROP TRIGGER \"$trigger\""; done
sqlite3 "$work/cut.db" "DELETE FROM audit WHERE sequence > (SELECT max(sequence) - 2 FROM audit)"
check "a cut trail is a consistent chain" "$tallinn" audit verify --db "sqlite://$work/cut.db"
refuse "audit verify --checkpoint finds the cut tail" "checkpoint" "$tallinn" audit verify --db "sqlite://$work/cut.db" --checkpoint "$checkpoint"
refuse "audit verify bad checkpoint" "checkpoint" "$tallinn" audit verify --db "$demo_db" --checkpoint "nonsense"
refuse "audit checkpoint of a tampered trail" "NOT intact" "$tallinn" audit checkpoint --db "sqlite://$work/tampered.db"

# Civil and military stay apart: a database stamped for another domain is refused.
cp "$work/t.db" "$work/military.db"
sqlite3 "$work/military.db" "UPDATE settings SET value = 'military' WHERE key = 'domain'"
refuse "migrate a military database" "civil" "$tallinn" migrate --db "sqlite://$work/military.db"
refuse "serve a military database" "civil" timeout 10 "$tallinn" serve --db "sqlite://$work/military.db" --listen 127.0.0.1:0
refuse "load demo data into a military database" "civil" "$tallinn" demo --db "sqlite://$work/military.db"

# The workflow from the command line, acting as named demo users through the same services
# (access decision and audit trail included).
bo=back-office@demo.tallinn.example
json_field() { python3 -c "import json,sys; d=json.load(open('$work/out')); print(eval('d' + sys.argv[1]))" "$1"; }
audit_count() { sqlite3 "$work/demo.db" "SELECT count(*) FROM audit WHERE action='$1' AND outcome='$2'"; }
before_runs="$(audit_count matching.run ok)"
check "matching-run create" "$tallinn" matching-run create --as "$bo" --time-limit 2 --db "$demo_db"
run="$(json_field '["id"]')"
[[ "$run" =~ ^[0-9a-f]{32}$ ]] || { failed=$((failed + 1)); echo "FAIL: run id shape: $run"; }
[ "$(audit_count matching.run ok)" -eq $((before_runs + 1)) ] || { failed=$((failed + 1)); echo "FAIL: the CLI run is audited"; }
bo_id="$(sqlite3 "$work/demo.db" "SELECT id FROM users WHERE email='$bo'")"
[ "$(sqlite3 "$work/demo.db" "SELECT actor_user FROM audit ORDER BY sequence DESC LIMIT 1")" = "$bo_id" ] ||
  { failed=$((failed + 1)); echo "FAIL: the audit entry names the acting user"; }
check "matching-run show" "$tallinn" matching-run show "$run" --as "$bo" --db "$demo_db"
[ "$(json_field '["id"]')" = "$run" ] || { failed=$((failed + 1)); echo "FAIL: matching-run show prints the run"; }
before_refusals="$(audit_count matching.run forbidden)"
refuse "matching-run as a donor" "may not" "$tallinn" matching-run create --as donor@demo.tallinn.example --db "$demo_db"
[ "$(audit_count matching.run forbidden)" -eq $((before_refusals + 1)) ] || { failed=$((failed + 1)); echo "FAIL: the CLI refusal is audited"; }
refuse "matching-run without --as" "as" "$tallinn" matching-run create --db "$demo_db"
refuse "matching-run as an unknown email" "--as" "$tallinn" matching-run create --as nobody@nowhere.example --db "$demo_db"
refuse "matching-run bad time limit" "--time-limit" "$tallinn" matching-run create --as "$bo" --time-limit 0 --db "$demo_db"
refuse "matching-run show as the observer" "may not" "$tallinn" matching-run show "$run" --as observer@demo.tallinn.example --db "$demo_db"
refuse "proposal bad run id" "--run" "$tallinn" proposal create --run nonsense --as "$bo" --db "$demo_db"
check "proposal create" "$tallinn" proposal create --run "$run" --as "$bo" --db "$demo_db"
allocation="$(json_field '["allocations"][0]["id"]')"
refuse "proposal twice" "proposed" "$tallinn" proposal create --run "$run" --as "$bo" --db "$demo_db"
refuse "meeting as the UA authority" "may not" "$tallinn" meeting create --title "Side meeting" --as ua-authority@demo.tallinn.example --db "$demo_db"
refuse "meeting without a title" "--title" "$tallinn" meeting create --title "" --as "$bo" --db "$demo_db"
refuse "meeting with a bad attendee" "--attend" "$tallinn" meeting create --title "M" --attend 00000000000000000000000000000000 --as "$bo" --db "$demo_db"
check "meeting create" "$tallinn" meeting create --title "Coordination group, CLI" --agenda "The run" --as "$bo" --db "$demo_db"
meeting="$(json_field '["id"]')"
refuse "decision before the meeting opens" "open meeting" "$tallinn" allocation decide "$allocation" --meeting "$meeting" --decision approve --as "$bo" --db "$demo_db"
check "meeting open" "$tallinn" meeting open "$meeting" --as "$bo" --db "$demo_db"
refuse "decision of an unknown kind" "--decision" "$tallinn" allocation decide "$allocation" --meeting "$meeting" --decision maybe --as "$bo" --db "$demo_db"
refuse "deferral without a reason" "--reason" "$tallinn" allocation decide "$allocation" --meeting "$meeting" --decision defer --as "$bo" --db "$demo_db"
check "allocation decide" "$tallinn" allocation decide "$allocation" --meeting "$meeting" --decision approve --reason "fits" --as "$bo" --db "$demo_db"
[ "$(json_field '["status"]')" = "approved" ] || { failed=$((failed + 1)); echo "FAIL: the decision approves"; }
check "meeting close" "$tallinn" meeting close "$meeting" --minutes "Approved." --as "$bo" --db "$demo_db"
[ "$(json_field '["status"]')" = "closed" ] || { failed=$((failed + 1)); echo "FAIL: the meeting closes"; }
check "meeting show" "$tallinn" meeting show "$meeting" --as "$bo" --db "$demo_db"
check "allocation show" "$tallinn" allocation show "$allocation" --as "$bo" --db "$demo_db"
[ "$(json_field '["id"]')" = "$allocation" ] || { failed=$((failed + 1)); echo "FAIL: allocation show prints it"; }
refuse "allocation show to a non-party" "not found" "$tallinn" allocation show "$allocation" --as observer@demo.tallinn.example --db "$demo_db"
check "allocation list as the observer" "$tallinn" allocation list --as observer@demo.tallinn.example --db "$demo_db"
[ "$(json_field '["items"].__len__()')" = "0" ] || { failed=$((failed + 1)); echo "FAIL: the observer sees no allocation"; }
check "allocation list by run" "$tallinn" allocation list --run "$run" --as "$bo" --db "$demo_db"
[ "$(json_field '["items"][0]["run"]')" = "$run" ] || { failed=$((failed + 1)); echo "FAIL: the list filters by run"; }
refuse "allocation list bad filter" "--need" "$tallinn" allocation list --need x --as "$bo" --db "$demo_db"
check "coverage as the observer" "$tallinn" coverage --by region --as observer@demo.tallinn.example --db "$demo_db"
[ "$(json_field '["suppressed_below"]')" = "3" ] || { failed=$((failed + 1)); echo "FAIL: observer coverage is suppressed"; }
check "coverage as the back office" "$tallinn" coverage --by priority --as "$bo" --db "$demo_db"
[ "$(json_field '["suppressed_below"]')" = "None" ] || { failed=$((failed + 1)); echo "FAIL: back-office coverage is whole"; }
refuse "coverage by a wrong key" "--by" "$tallinn" coverage --by wizard --as "$bo" --db "$demo_db"
check "audit verify after the workflow CLI" "$tallinn" audit verify --db "$demo_db"
# backup and restore (docs/operations.md): SQLite's online backup API, a restore verified by
# the audit trail's hash chain.
check "backup" "$tallinn" backup --db "$demo_db" --to "$work/demo.bak"
refuse "backup over an existing file" "exists" "$tallinn" backup --db "$demo_db" --to "$work/demo.bak"
check "backup --force" "$tallinn" backup --db "$demo_db" --to "$work/demo.bak" --force
refuse "backup of a missing database" "db" "$tallinn" backup --db "sqlite://$work/none.db" --to "$work/none.bak"
refuse "backup of PostgreSQL points to pg_dump" "pg_dump" "$tallinn" backup --db "postgresql://localhost/x" --to "$work/x.bak"
check "restore into a new database" "$tallinn" restore --from "$work/demo.bak" --db "sqlite://$work/restored.db"
grep -q "audit trail intact" "$work/out" || { failed=$((failed + 1)); echo "FAIL: restore verifies the trail"; }
same_needs() { [ "$(sqlite3 "$work/demo.db" 'SELECT count(*), sum(amount_cents) FROM needs')" = \
  "$(sqlite3 "$work/restored.db" 'SELECT count(*), sum(amount_cents) FROM needs')" ]; }
check "restored needs equal the original" same_needs
check "audit verify after restore" "$tallinn" audit verify --db "sqlite://$work/restored.db"
refuse "restore over data" "already holds data" "$tallinn" restore --from "$work/demo.bak" --db "sqlite://$work/restored.db"
check "restore --force over data" "$tallinn" restore --from "$work/demo.bak" --db "sqlite://$work/restored.db" --force
"$tallinn" migrate --db "sqlite://$work/migrated.db" >/dev/null
check "restore into a migrated, empty database" "$tallinn" restore --from "$work/demo.bak" --db "sqlite://$work/migrated.db"
printf 'not a database' >"$work/junk.bak"
refuse "restore of a file that is no database" "from" "$tallinn" restore --from "$work/junk.bak" --db "sqlite://$work/r2.db"
refuse "restore of a missing file" "from" "$tallinn" restore --from "$work/missing.bak" --db "sqlite://$work/r2.db"
refuse "restore of a backup whose trail was edited" "NOT intact" "$tallinn" restore --from "$work/tampered.db" --db "sqlite://$work/r3.db"

refuse "match on a missing file" "missing.json" "$tallinn" match "$work/missing.json"
refuse "serve on a bad listen address" "listen" "$tallinn" serve --db "$demo_db" --listen nonsense

# serve answers the demo sign-in over real HTTP.
# Port 0 everywhere: the kernel picks free ports and the server logs them, so parallel tests
# never race for one.
"$tallinn" serve --db "$demo_db" --listen "127.0.0.1:0" >"$work/serve.log" 2>&1 &
server_pid=$!
port="$(logged_port "$work/serve.log" "serving [^ ]*")"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
check "healthz" curl -sf "http://127.0.0.1:$port/healthz"
token="$(curl -s -X POST "http://127.0.0.1:$port/api/v1/session" \
  -d '{"email":"back-office@demo.tallinn.example","password":"demo-password-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
check "demo sign-in and a list" bash -c "curl -sf -H 'Authorization: Bearer $token' 'http://127.0.0.1:$port/api/v1/needs?limit=5' | grep -q items"
curl -s -X POST "http://127.0.0.1:$port/api/v1/session" \
  -d '{"email":"back-office@demo.tallinn.example","password":"a-wrong-password-guess"}' >"$work/refused.json"
# A backup taken while the server serves restores to an intact trail.
check "backup while serving" "$tallinn" backup --db "$demo_db" --to "$work/live.bak"
check "restore of the live backup" "$tallinn" restore --from "$work/live.bak" --db "sqlite://$work/live.db"
kill -TERM "$server_pid"
if wait "$server_pid"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: serve exits 0 on SIGTERM"; fi
server_pid=""
# No secret in the server's log or in an error body: passwords, wrong
# guesses and the session token never appear there.
for secret in demo-password-2026 a-wrong-password-guess "$token"; do
  if grep -qF -- "$secret" "$work/serve.log" "$work/refused.json"; then
    failed=$((failed + 1)); echo "FAIL: a secret appears in the server log or an error body"
  else passed=$((passed + 1)); fi
done
[ -s "$work/serve.log" ] || { failed=$((failed + 1)); echo "FAIL: the server wrote no log to search"; }

# serve --config: key = value settings (docs/operations.md), JSON logs, /metrics on its own listener.
cat >"$work/tallinn.conf" <<CONF
# a comment
db = sqlite://$work/demo.db
listen = nonsense-overridden-below
log-format = json
metrics-listen = "127.0.0.1:0"
CONF
"$tallinn" serve --config "$work/tallinn.conf" --listen "127.0.0.1:0" >"$work/json.log" 2>&1 &
server_pid=$!
port="$(logged_port "$work/json.log" "serving [^ ]*")"
metrics_port="$(logged_port "$work/json.log" "metrics")"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
check "serve with a config file (the flag wins over its listen)" curl -sf "http://127.0.0.1:$port/healthz"
token="$(curl -s -X POST "http://127.0.0.1:$port/api/v1/session" \
  -d '{"email":"back-office@demo.tallinn.example","password":"demo-password-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
curl -s -o /dev/null -H "Authorization: Bearer $token" -H "Cookie: tallinn_session=$token" "http://127.0.0.1:$port/api/v1/needs?limit=2"
curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/needs/secret-looking-id-in-path"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -d '{"time_limit": 5}' "http://127.0.0.1:$port/api/v1/matching-runs"
curl -s "http://127.0.0.1:$metrics_port/metrics" >"$work/metrics.txt"
check "metrics count requests by route pattern" grep -q 'tallinn_http_requests_total{method="GET",route="/api/v1/needs",status="2xx"} 1' "$work/metrics.txt"
check "metrics have latency histograms" grep -q 'tallinn_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="2xx",le="+Inf"}' "$work/metrics.txt"
check "metrics count database transactions" grep -q 'tallinn_db_transactions_total{mode="read"}' "$work/metrics.txt"
check "metrics count the matching run" grep -qE '^tallinn_matching_runs_total\{status="(optimal|feasible)"\} 1$' "$work/metrics.txt"
check "metrics time the matching run" grep -q '^tallinn_matching_run_duration_seconds_count 1$' "$work/metrics.txt"
# The sign-in above is a write transaction: the store counted its commit.
check "metrics count commits" grep -qE '^tallinn_db_commits_total [1-9]' "$work/metrics.txt"
check "metrics count pool connections" grep -qE '^tallinn_db_pool_connections\{state="open"\} [1-9]' "$work/metrics.txt"
curl -s "http://127.0.0.1:$port/metrics" >"$work/metrics_on_api.txt"
no_metrics_on_api() { ! grep -q tallinn_http_requests_total "$work/metrics_on_api.txt"; }
check "the API listener does not serve /metrics" no_metrics_on_api
kill -TERM "$server_pid"; wait "$server_pid"; server_pid=""
json_lines() {
  python3 -c '
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
requests = [l for l in lines if l.get("msg") == "http request"]
assert len(requests) >= 4, len(requests)
assert all({"method", "route", "status", "duration_ms", "time", "level"} <= set(l) for l in requests)
assert any(l["route"] == "/api/v1/needs/{id}" and l["status"] == 401 for l in requests)
' "$work/json.log"
}
check "logs are one JSON object per line, requests by route pattern" json_lines
no_secrets() { ! grep -q -e "$token" -e "demo-password-2026" -e "secret-looking" "$work/json.log"; }
check "logs hold no token, password or path" no_secrets

printf 'colour = blue\n' >"$work/unknown.conf"
refuse "config with an unknown key" "unknown key 'colour'" "$tallinn" serve --config "$work/unknown.conf"
printf 'workers = 0\n' >"$work/bad.conf"
refuse "config with a refused value" "workers" "$tallinn" serve --config "$work/bad.conf"
printf 'db = a\ndb = b\n' >"$work/twice.conf"
refuse "config with a key twice" "twice" "$tallinn" serve --config "$work/twice.conf"
printf 'listen\n' >"$work/broken.conf"
refuse "config line without =" "line 1" "$tallinn" serve --config "$work/broken.conf"
refuse "missing config file" "config" "$tallinn" serve --config "$work/none.conf"
refuse "unknown log format" "log-format" "$tallinn" serve --db "$demo_db" --log-format xml

# Every serve option is a documented config key.
documented() {
  local missing=0
  for key in $("$tallinn" serve --help | grep -o -e '--[a-z][a-z-]*' | sed 's/^--//' | sort -u); do
    [ "$key" = help ] || [ "$key" = config ] && continue
    grep -q "^| \`$key\`" "${TALLINN_SOURCE_DIR:-$(dirname "$0")/../..}/docs/operations.md" || { echo "undocumented: $key"; missing=1; }
  done
  return $missing
}
check "every serve option is documented in docs/operations.md" documented

finish
