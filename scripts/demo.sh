#!/usr/bin/env bash
# The first README command: installs what is missing, builds, migrates, loads
# the demo data into ./tallinn.db when it is empty and serves it on
# 127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
db="sqlite://./tallinn.db"
./build/src/tallinn migrate --db "$db"
./build/src/tallinn demo --db "$db" --if-empty
echo "serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec ./build/src/tallinn serve --db "$db" --listen 127.0.0.1:8080
