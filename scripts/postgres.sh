#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's, installed by scripts/setup.sh) for the tests of the
# council's store on a database server:
#   eval "$(bash scripts/postgres.sh start)"   # exports RECIT_TEST_POSTGRES=postgres://…
#   bash scripts/postgres.sh stop
# The cluster lives in a temporary folder owned by the `postgres` user (PostgreSQL refuses to
# run as root), listens on 127.0.0.1 only, trusts local connections, and goes at `stop`.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
STATE=/tmp/recit-postgres
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    if [ -f "$STATE/port" ] && as_postgres "$BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
      echo "export RECIT_TEST_POSTGRES=postgres://recit@127.0.0.1:$(cat "$STATE/port")"
      exit 0
    fi
    rm -rf "$STATE"; mkdir -p "$STATE"
    [ "$(id -u)" = 0 ] && chown postgres: "$STATE"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_postgres "$BIN/initdb" -D "$STATE/data" -A trust -U recit >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; exit 1; }
    as_postgres "$BIN/pg_ctl" -D "$STATE/data" -o "-k $STATE -p $port -c listen_addresses=127.0.0.1" -l "$STATE/log" -w start >/dev/null || { cat "$STATE/log" >&2; exit 1; }
    echo "$port" | as_postgres tee "$STATE/port" >/dev/null
    echo "export RECIT_TEST_POSTGRES=postgres://recit@127.0.0.1:$port"
    ;;
  stop)
    [ -d "$STATE/data" ] && as_postgres "$BIN/pg_ctl" -D "$STATE/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$STATE"
    ;;
  *) echo "usage: bash scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
