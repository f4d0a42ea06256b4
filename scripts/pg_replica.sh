#!/usr/bin/env bash
# A throwaway PostgreSQL primary and a hot-standby replica streaming from it, for the
# replica router's tests (chuan/core/tests/test_db_router.py) and for trying the router by
# hand. The replica is a second cluster made by pg_basebackup from the primary, started on
# its own port, exactly as docs/deployment.md sets one up between two servers.
#
#   scripts/pg_replica.sh start   # prints DATABASE_URL=… and CHUAN_TEST_REPLICA_URL=…
#   scripts/pg_replica.sh stop    # stops both and removes their files
#
# Its own primary, not the machine's main server: nothing there is reconfigured (pg_hba,
# wal settings, restarts) and its other databases (benchmarks of millions of dossiers) are
# not copied. Idempotent: start stops a previous pair first. Works as root (the servers run
# as the postgres user) or as an ordinary user.
#   REPLICA_DIR   where both clusters live   (default /tmp/chuan-pg-replica)
#   PRIMARY_PORT  the primary's port         (default 5433)
#   REPLICA_PORT  the replica's port         (default 5434)
set -euo pipefail

DIR=${REPLICA_DIR:-/tmp/chuan-pg-replica}
PRIMARY_PORT=${PRIMARY_PORT:-5433}
REPLICA_PORT=${REPLICA_PORT:-5434}

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ] && command -v pg_config >/dev/null 2>&1; then
    found=$(pg_config --bindir)
  fi
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "pg_replica: PostgreSQL's server programs (initdb, pg_ctl) are not installed" >&2
    exit 1
  fi
  echo "$found"
}
BIN=$(bindir)

# The servers refuse to run as root: as root, everything runs as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  local data=$1
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

stop() {
  stop_cluster "$DIR/replica"
  stop_cluster "$DIR/primary"
  rm -rf "$DIR"
}

wait_for() {
  local port=$1 what=$2
  for _ in $(seq 1 60); do
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then return 0; fi
    sleep 0.5
  done
  echo "pg_replica: the $what on port $port did not start; its log:" >&2
  tail -20 "$DIR/$what.log" >&2 || true
  exit 1
}

start() {
  stop
  for port in "$PRIMARY_PORT" "$REPLICA_PORT"; do
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      echo "pg_replica: port $port is already taken by another server" >&2
      exit 1
    fi
  done
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  chmod 700 "$DIR"
  cd "$DIR"

  # Trust on 127.0.0.1 and the socket, replication included (initdb's -A): a test pair.
  as_owner "$BIN/initdb" -D "$DIR/primary" -U postgres -A trust --no-sync -E UTF8 \
    --locale=C.UTF-8 >/dev/null
  cat >>"$DIR/primary/postgresql.conf" <<EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 4
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  as_owner "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  wait_for "$PRIMARY_PORT" primary

  # The replica: a base backup of the primary that keeps streaming its WAL (-R writes
  # primary_conninfo and standby.signal), on its own port.
  as_owner "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
    -D "$DIR/replica" -R -X stream -c fast --no-sync
  cat >>"$DIR/replica/postgresql.auto.conf" <<EOF
port = $REPLICA_PORT
hot_standby = on
EOF
  as_owner "$BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
  wait_for "$REPLICA_PORT" replica

  local state=""
  for _ in $(seq 1 60); do
    state=$("$BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atc \
      "SELECT state FROM pg_stat_replication LIMIT 1" 2>/dev/null || true)
    [ "$state" = streaming ] && break
    sleep 0.5
  done
  if [ "$state" != streaming ]; then
    echo "pg_replica: the replica does not stream (state '${state}'); its log:" >&2
    tail -20 "$DIR/replica.log" >&2 || true
    exit 1
  fi
  recovery=$("$BIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -Atc \
    "SELECT pg_is_in_recovery()")
  [ "$recovery" = t ] || { echo "pg_replica: the replica is not in recovery" >&2; exit 1; }
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/postgres"
  echo "CHUAN_TEST_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/postgres"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
