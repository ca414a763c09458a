#!/usr/bin/env bash
# `make screenshots`: build a demo database (seeds/, plus a year of the readouts corpus when
# ../shared is there), serve it on a loopback port, and write docs/screenshots/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${SUMMITRY_DEMO_DB:-data/demo.db}
port=${SUMMITRY_DEMO_PORT:-8799}
case $db in /*) ;; *) db="$PWD/$db" ;; esac   # SUMMITRY_DEMO_DB may be absolute or relative
export SUMMITRY_DATABASE_URL="sqlite:///$db"
sources=(seeds)
[ -d ../shared/corpora/wh-readouts/docs/2023 ] && sources+=(../shared/corpora/wh-readouts/docs/2023)
.venv/bin/summitry ingest --quiet "${sources[@]}" || true   # a failed document is reported, not fatal here
.venv/bin/summitry serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
.venv/bin/python scripts/screenshots.py "http://127.0.0.1:$port" docs/screenshots
