#!/bin/sh
# Entry point of the PostgreSQL image that build-postgres.sh makes from Debian packages: the
# official image's contract as far as compose.yaml uses it (POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB, data in /var/lib/postgresql/data), so compose runs where no registry is reachable.
set -eu
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD ontbreekt}"
POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
as_postgres() { runuser -u postgres -- "$@"; }

install -d -o postgres -g postgres -m 700 "$PGDATA"
# The socket's directory: Debian makes it at boot (tmpfiles.d), which a container never runs.
install -d -o postgres -g postgres -m 2775 /var/run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  as_postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
    as_postgres createdb -U "$POSTGRES_USER" "$POSTGRES_DB"
    as_postgres pg_ctl -D "$PGDATA" -w stop
  fi
fi
exec runuser -u postgres -- postgres -D "$PGDATA" -c listen_addresses='*'
