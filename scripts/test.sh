#!/usr/bin/env bash
# Run the whole test-suite. Unless MCDA_TEST_DATABASE_URL is set, start a throw-away PostgreSQL
# cluster on a loopback port so that the workshop store is tested against PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
cleanup() { :; }
if [ -z "${MCDA_TEST_DATABASE_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  pgdir=$(mktemp -d /tmp/mcda-pg.XXXXXX)
  chmod 755 "$pgdir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pgdir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$pgbin/initdb" -D "$pgdir/data" -U mcda --auth=trust >/dev/null
  "${runas[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" \
    -l "$pgdir/log" -w start >/dev/null
  cleanup() { "${runas[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null || true; rm -rf "$pgdir"; }
  export MCDA_TEST_DATABASE_URL="postgresql+psycopg://mcda@127.0.0.1:$port/postgres"
  echo "PostgreSQL test cluster on port $port"
fi
trap cleanup EXIT
export OPENBLAS_NUM_THREADS=1
.venv/bin/python -m pytest "$@"
