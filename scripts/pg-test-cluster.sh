#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the store tests.
#
#   scripts/pg-test-cluster.sh start STATE_DIR   initdb + start; prints the URL and writes it to STATE_DIR/url
#   scripts/pg-test-cluster.sh stop STATE_DIR    stops the server and removes the cluster and STATE_DIR
#   scripts/pg-test-cluster.sh halt STATE_DIR    stops the server, keeping the cluster (an outage)
#   scripts/pg-test-cluster.sh crash STATE_DIR   stops it at once (-m immediate: a crash, no checkpoint)
#   scripts/pg-test-cluster.sh resume STATE_DIR  starts it again on the same port
#
# The cluster listens on 127.0.0.1 at a free port and on a socket in its own
# folder, trusts local connections (it holds nothing) and runs without fsync
# and with asynchronous commits, unless PG_TEST_DURABLE=1 at start: then it
# keeps PostgreSQL's durable defaults, as the crash test needs (an
# asynchronous commit may be lost when the server crashes).
# The server refuses to run as root, so under root it runs as the system user
# tallinn-test, created when missing. When PostgreSQL 15 is not installed,
# start writes no URL and exits 0: the tests that need a cluster then skip.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TEST_USER=tallinn-test
DATABASE=tallinn

usage() {
  echo "usage: $0 start|stop|halt|crash|resume STATE_DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
state_dir=$2
cluster=""  # the cluster's folder, under /tmp

# Runs "$@" as the cluster's owner. Some containers replace /dev/null with a
# root-only file, which initdb and the server cannot write; there the owner's
# commands run in a mount namespace with a real null device bound over it.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif [ -c /dev/null ]; then
    runuser -u "$TEST_USER" -- "$@"
  else
    local null="$cluster/null"
    [ -c "$null" ] || mknod -m 666 "$null" c 1 3
    unshare -m sh -c 'mount --bind "$1" /dev/null && shift && exec runuser -u "$0" -- "$@"' \
      "$TEST_USER" "$null" "$@"
  fi
}

ensure_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  getent passwd "$TEST_USER" >/dev/null ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$TEST_USER"
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "pg-test-cluster: no PostgreSQL 15 in $PG_BIN; PostgreSQL tests will skip" >&2
    mkdir -p "$state_dir"
    rm -f "$state_dir/url"
    return 0
  fi
  [ ! -e "$state_dir/cluster" ] || stop
  ensure_owner
  mkdir -p "$state_dir"
  if [ "${PG_TEST_DURABLE:-0}" = 1 ]; then touch "$state_dir/durable"; else rm -f "$state_dir/durable"; fi
  # Under /tmp, so the owner can reach it whatever the permissions of STATE_DIR.
  cluster=$(mktemp -d /tmp/tallinn-pg.XXXXXX)
  echo "$cluster" >"$state_dir/cluster"
  [ "$(id -u)" -ne 0 ] || chown "$TEST_USER" "$cluster"
  as_owner "$PG_BIN/initdb" -D "$cluster/data" -U tallinn --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    if run_server "$port"; then
      local url="postgresql://tallinn@127.0.0.1:$port/$DATABASE"
      as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U tallinn "$DATABASE"
      echo "$url" >"$state_dir/url"
      echo "$url"
      return 0
    fi
  done
  echo "pg-test-cluster: the server did not start; see $cluster/server.log" >&2
  exit 1
}

# Starts the server of $cluster on `port`.
run_server() {
  local options="-k $cluster -h 127.0.0.1 -p $1 -c max_connections=200"
  [ -f "$state_dir/durable" ] ||
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_owner "$PG_BIN/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 \
    -o "$options" start >/dev/null 2>&1
}

# The cluster of STATE_DIR, refusing anything that is not one of ours.
find_cluster() {
  cluster=$(cat "$state_dir/cluster")
  case "$cluster" in
    /tmp/tallinn-pg.*) ;;
    *) echo "pg-test-cluster: refusing to touch $cluster" >&2; exit 1 ;;
  esac
}

halt() {
  find_cluster
  as_owner "$PG_BIN/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
}

crash() {
  find_cluster
  as_owner "$PG_BIN/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null
}

resume() {
  find_cluster
  local url port
  url=$(cat "$state_dir/url")
  port=${url##*:}
  port=${port%%/*}
  run_server "$port" || { echo "pg-test-cluster: the server did not start again" >&2; exit 1; }
}

stop() {
  [ -f "$state_dir/cluster" ] || { rm -rf "$state_dir"; return 0; }
  find_cluster
  if [ -f "$cluster/data/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$cluster" "$state_dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  halt) halt ;;
  crash) crash ;;
  resume) resume ;;
  *) usage ;;
esac
