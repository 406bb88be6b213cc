#!/usr/bin/env bash
# Print a PostgreSQL URL the tests may use, starting a server of our own when none answers.
#   1. TEST_DATABASE_URL already set: print it.
#   2. A server on 127.0.0.1:5432 with trust auth (database "test", else "postgres"): use it.
#   3. Otherwise create and start a cluster "teilhabe_ci" on a free port (see TOOLCHAIN.md §7).
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "$TEST_DATABASE_URL"; exit 0; fi

try() { psql "$1" -Atqc "select 1" >/dev/null 2>&1; }
for db in test postgres; do
  [ -n "${TEILHABE_PG_OWN:-}" ] && break   # force a cluster of our own (used to test this script)
  url="postgresql://postgres@127.0.0.1:5432/$db"
  if command -v psql >/dev/null && try "$url"; then echo "$url"; exit 0; fi
done

if [ "$(id -u)" != 0 ]; then
  echo "No PostgreSQL answers on 127.0.0.1:5432 and only root can start one here." >&2
  exit 1
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
name=teilhabe_ci
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $name"; then
  port=55432
  while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
  pg_createcluster "$version" "$name" -p "$port" --start-conf=manual -o fsync=off -- -A trust >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $3}')
pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  if try "postgresql://postgres@127.0.0.1:$port/postgres"; then
    echo "postgresql://postgres@127.0.0.1:$port/postgres"; exit 0
  fi
  sleep 0.5
done
echo "PostgreSQL cluster $name did not start" >&2
exit 1
