#!/usr/bin/env bash
# The load figures of bench/RESULTS.md in one command (issue 7, item 6).
#
#   bench/load/run.sh [--backend sqlite|postgres|both] [--needs 100000]
#                     [--rates 250,500,750,1000,1250,1500,2000] [--duration 10]
#                     [--coverage-share 0] [--build build] [--tallinn BINARY] [--keep DIR]
#
# For each backend: a fresh database with the demo data and --needs more needs
# (bench/load/load_fixture), a fresh `tallinn serve` on a free loopback port
# logging every request as JSON to a file, then load_gen at the rising rates.
# PostgreSQL runs in a throwaway cluster with its durable defaults
# (scripts/pg-test-cluster.sh, PG_TEST_DURABLE=1), vacuumed and analysed
# after loading, as autovacuum would have done by then. Prints load_gen's table per backend
# and the server's own latency per route over all steps (warm-up included), with
# the load average before each backend (the figures mean little on a busy
# machine). A 5 s warm-up at 100 requests/s precedes the steps and is not
# reported. SERVE_ARGS in the environment adds `tallinn serve` options
# (e.g. "--workers 8"). --tallinn serves with another binary (say, an older build to
# compare against in the same run). Everything is removed afterwards unless
# --keep names a folder.
set -euo pipefail

backend=both
needs=100000
rates=250,500,750,1000,1250,1500,2000
duration=10
coverage_share=0
build=build
keep=""
server=""
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend=$2; shift 2 ;;
    --needs) needs=$2; shift 2 ;;
    --rates) rates=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --coverage-share) coverage_share=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --tallinn) server=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: $0 [--backend sqlite|postgres|both] [--needs N] [--rates R,R] [--duration S] [--coverage-share F] [--build DIR] [--tallinn BINARY] [--keep DIR]" >&2; exit 2 ;;
  esac
done
case "$backend" in sqlite|postgres|both) ;; *) echo "--backend must be sqlite, postgres or both" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/../.." && pwd)
tallinn=${server:-$root/$build/src/tallinn}
fixture="$root/$build/bench/load/load_fixture"
generator="$root/$build/bench/load/load_gen"
for binary in "$tallinn" "$fixture" "$generator"; do
  [ -x "$binary" ] || { echo "missing $binary: run scripts/build.sh first" >&2; exit 1; }
done

work=${keep:-$(mktemp -d /tmp/tallinn-load.XXXXXX)}
mkdir -p "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -f "$work/pg/url" ] && "$root/scripts/pg-test-cluster.sh" stop "$work/pg" >/dev/null 2>&1
  [ -z "$keep" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The server's own durations per route over the whole run, from its JSON log.
server_latencies() {
  python3 - "$1" <<'EOF'
import collections, json, sys
durations = collections.defaultdict(list)
for line in open(sys.argv[1]):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("msg") == "http request":
        durations[entry["method"] + " " + entry["route"]].append(entry["duration_ms"])
print("| route (whole run) | requests | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for route, values in sorted(durations.items()):
    values.sort()
    n = len(values)
    print(f"| {route} | {n} | {values[n // 2]:.2f} | {values[min(n - 1, int(n * 0.99))]:.2f} | {values[-1]:.2f} |")
EOF
}

run_backend() {
  local name=$1 url=$2 port
  echo "## $name: $needs needs, rates $rates, $duration s a step, coverage share $coverage_share"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$fixture" --db "$url" --needs "$needs" >"$work/$name-fixture.log" 2>&1
  if [ "$name" = postgres ]; then psql -q "$url" -c "VACUUM ANALYZE" >/dev/null; fi
  port=$(free_port)
  "$tallinn" serve --db "$url" --listen "127.0.0.1:$port" --web-root "" --log-format json ${SERVE_ARGS:-} \
    >"$work/$name-serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.1
  done
  # Warm-up, not reported: the first requests after the fixture read cold
  # pages (PostgreSQL's shared buffers above all).
  "$generator" --port "$port" --rates 100 --duration 5 --coverage-share "$coverage_share" >/dev/null
  "$generator" --port "$port" --rates "$rates" --duration "$duration" \
    --coverage-share "$coverage_share"
  echo
  server_latencies "$work/$name-serve.log"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo
}

if [ "$backend" != postgres ]; then
  run_backend sqlite "sqlite://$work/load.db"
fi
if [ "$backend" != sqlite ]; then
  PG_TEST_DURABLE=1 "$root/scripts/pg-test-cluster.sh" start "$work/pg" >/dev/null
  [ -s "$work/pg/url" ] || { echo "PostgreSQL 15 is not installed (scripts/install-deps.sh)" >&2; exit 1; }
  run_backend postgres "$(cat "$work/pg/url")"
fi
