#!/usr/bin/env bash
# The crash test on PostgreSQL (issue 7, item 3): a throwaway cluster of its
# own with PostgreSQL's durable defaults (scripts/pg-test-cluster.sh with
# PG_TEST_DURABLE=1), then crash_test.py where about half the cycles stop the
# cluster with `pg_ctl stop -m immediate` under the writing clients before
# the server is killed, and restart it. Exit 77 (skip) without PostgreSQL 15.
#
#   TALLINN=build/src/tallinn tests/crash/crash_pg_test.sh [crash_test.py options]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cluster_script="$here/../../scripts/pg-test-cluster.sh"
: "${TALLINN:?set TALLINN to the tallinn binary}"

state=$(mktemp -d /tmp/tallinn-crash-pg.XXXXXX)
trap '"$cluster_script" stop "$state"' EXIT
url=$(PG_TEST_DURABLE=1 "$cluster_script" start "$state")
if [ -z "$url" ]; then
  echo "no PostgreSQL 15: skipped"
  exit 77
fi

python3 "$here/crash_test.py" --tallinn "$TALLINN" --db "$url" \
  --kill-db-command "$cluster_script crash $state" \
  --start-db-command "$cluster_script resume $state" \
  --db-crash-share 0.5 --cycles 20 "$@"
