#!/bin/sh
# pg-start.sh starts (or reuses) a throwaway PostgreSQL cluster on
# 127.0.0.1:5433 for the store tests and prints its URL, ready for
#   HET_TEST_PG="$(scripts/pg-start.sh)" go test ./store/...
# It installs PostgreSQL with apt-get when no initdb is found. Run as root.
set -eu

PGROOT=${PGROOT:-/tmp/pg}
PGPORT=${PGPORT:-5433}
URL="postgres://postgres@127.0.0.1:${PGPORT}/postgres?sslmode=disable"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
	echo "pg-start: installing postgresql" >&2
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi
BIN=$(bindir)

mkdir -p "$PGROOT"
chown postgres "$PGROOT"

if su postgres -c "$BIN/pg_ctl -D $PGROOT/data status" >/dev/null 2>&1; then
	echo "pg-start: reusing the running cluster in $PGROOT/data" >&2
else
	if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
		su postgres -c "$BIN/initdb -D $PGROOT/data -A trust -U postgres" >&2
	fi
	su postgres -c "$BIN/pg_ctl -D $PGROOT/data -o '-k $PGROOT -c listen_addresses=127.0.0.1 -p $PGPORT' -l $PGROOT/log -w start" >&2
fi

echo "$URL"
