#!/usr/bin/env bash
# Restores a dump made by scripts/pg-backup.sh into an EMPTY PostgreSQL
# database, then checks the restored audit trail with `tallinn audit verify`.
#
#   scripts/pg-restore.sh FILE DATABASE_URL [TALLINN]
#
# Create the database first (createdb, or CREATE DATABASE ... OWNER ...);
# its owner may create the unaccent extension, which is trusted. The
# restore runs in one transaction: it applies whole or not at all. A
# database that already holds a tallinn schema is refused, never
# overwritten. TALLINN is the tallinn binary (default: build/src/tallinn,
# then tallinn on PATH). Exit 0 only if the restore applied and the audit
# chain verifies.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 FILE DATABASE_URL [TALLINN]" >&2
  exit 2
fi
file=$1
url=$2
tallinn=${3:-}
if [ -z "$tallinn" ]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [ -x "$here/build/src/tallinn" ]; then tallinn="$here/build/src/tallinn"; else tallinn=tallinn; fi
fi
case "$url" in
  postgresql://* | postgres://*) ;;
  *) echo "pg-restore: DATABASE_URL must start with postgresql://" >&2; exit 2 ;;
esac
[ -r "$file" ] || { echo "pg-restore: cannot read $file" >&2; exit 2; }

existing=$("$PG_BIN/psql" --no-psqlrc --quiet --tuples-only --no-align --dbname="$url" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$existing" != "0" ]; then
  echo "pg-restore: the database is not empty ($existing tables); restore into a new one" >&2
  exit 1
fi

"$PG_BIN/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$url" "$file"
"$tallinn" audit verify --db "$url"
echo "restored $file; the audit trail verifies"
