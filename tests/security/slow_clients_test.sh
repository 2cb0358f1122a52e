#!/usr/bin/env bash
# Slow clients cannot starve others (issue 8): Debian's slowhttptest holds
# hundreds of connections open with headers (slowloris) and then with bodies
# (slow POST) trickling in, while a well-behaved client's requests are timed.
# Every one of them must be answered, each within two seconds.
#   TALLINN=path/to/tallinn slow_clients_test.sh
set -uo pipefail
tallinn="${TALLINN:?set TALLINN to the binary}"
command -v slowhttptest >/dev/null || { echo "slowhttptest missing: scripts/install-deps.sh"; exit 1; }
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite://$work/t.db"
"$tallinn" migrate --db "$db" >/dev/null || exit 1
# Port 0: the kernel picks a free port and the server logs it, so tests run in
# parallel never race for one.
"$tallinn" serve --db "$db" --listen "127.0.0.1:0" >"$work/serve.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(grep -o 'on 127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)"
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$work/serve.log"; exit 1; }

failed=0
# attack MODE-FLAGS NAME: runs slowhttptest for 15 s and times 10 requests of
# another client meanwhile.
attack() {
  local name="$1"; shift
  slowhttptest "$@" -c 400 -r 200 -i 5 -l 15 -u "http://127.0.0.1:$port/healthz" \
    -p 3 -g -o "$work/$name" >"$work/$name.out" 2>&1 &
  local attacker=$!
  sleep 3  # let the attacker's connections pile up
  local slowest=0
  for i in $(seq 1 10); do
    local took
    took="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 \
      "http://127.0.0.1:$port/healthz")"
    local code="${took%% *}" seconds="${took##* }"
    if [ "$code" != "200" ] || awk "BEGIN { exit !($seconds > 2.0) }"; then
      echo "FAIL: $name: request $i answered $code after ${seconds}s"; failed=$((failed + 1))
    fi
    slowest="$(awk "BEGIN { print ($seconds > $slowest) ? $seconds : $slowest }")"
    sleep 1
  done
  wait "$attacker"
  # The attack must really have held connections open, or this proves nothing.
  local held
  held="$(awk -F, 'NR > 1 && $4 + 0 > most { most = $4 + 0 } END { print most + 0 }' "$work/$name.csv")"
  if [ "$held" -lt 100 ]; then
    echo "FAIL: $name: the attacker held only $held connections"; failed=$((failed + 1))
  fi
  echo "$name: slowest other-client request ${slowest}s while the attacker held up to $held connections"
}
attack slowloris -H
attack slow-body -B -s 8192

if [ "$failed" -eq 0 ]; then echo "slow clients did not starve the other client"; fi
[ "$failed" -eq 0 ]
