#!/usr/bin/env bash
# The whole suite on SQLite; then, where PostgreSQL's server binaries are installed, the
# database-facing tests again on a throwaway cluster (loopback only, stopped on exit).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1

$BIN/pytest -q -p no:cacheprovider
status=$?

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && [ "${SUMMITRY_SKIP_POSTGRES:-}" != "1" ]; then
  dir=$(mktemp -d /tmp/summitry-pg.XXXXXX)
  port=$((20000 + RANDOM % 20000))
  run_as=()
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; run_as=(runuser -u postgres --); fi
  cleanup() { "${run_as[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; }
  trap cleanup EXIT
  "${run_as[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null \
    && "${run_as[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  if [ $? -ne 0 ]; then
    echo "test.sh: could not start PostgreSQL (see $dir/log)" >&2; cat "$dir/log" >&2; exit 1
  fi
  echo "== the database-facing tests again, on PostgreSQL ($($pg_bin/postgres --version))"
  SUMMITRY_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres" \
    $BIN/pytest -q -p no:cacheprovider -m "db and not browser"
  pg_status=$?
  [ $status -eq 0 ] && status=$pg_status
fi
exit $status
