#!/usr/bin/env bash
# Backs up a tallinn PostgreSQL database with pg_dump, online: the dump is
# one consistent snapshot, taken while the servers keep running.
#
#   scripts/pg-backup.sh DATABASE_URL FILE
#
# FILE is pg_dump's custom format (compressed; restore it with
# scripts/pg-restore.sh). Owners and grants are left out, so the dump
# restores under any role. The password, if any, comes from the URL, from
# PGPASSWORD or from ~/.pgpass, as for every libpq program; it is never
# printed. PG_BIN chooses the PostgreSQL programs (default: version 15).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ $# -ne 2 ]; then
  echo "usage: $0 DATABASE_URL FILE" >&2
  exit 2
fi
url=$1
file=$2
case "$url" in
  postgresql://* | postgres://*) ;;
  *) echo "pg-backup: DATABASE_URL must start with postgresql://" >&2; exit 2 ;;
esac

# Written beside FILE and renamed at the end, so FILE is never half a dump.
partial="$file.partial"
trap 'rm -f "$partial"' EXIT
"$PG_BIN/pg_dump" --format=custom --no-owner --no-privileges --file="$partial" --dbname="$url"
mv "$partial" "$file"
trap - EXIT
echo "backed up to $file"
