#!/usr/bin/env bash
# Builds a PostgreSQL database of one of two shapes that bench/'s application-like sample does not have:
#
#   big-table     about SIZE_MB MiB dominated by one table: bench.events (5 million rows per GiB, bigint primary
#                 key) holds about three quarters of it; bench.items (250,000 rows per GiB: text, jsonb, numeric,
#                 uuid and 200 random bytes of bytea, four secondary indexes) most of the rest; a few tiny tables.
#   many-tables   1,000 small tables (schema many, 200 rows each with a primary key), whatever SIZE_MB says.
#
# Usage: bench/make-shape-db.sh big-table|many-tables SIZE_MB DBNAME
#
# Connection: the standard libpq variables (defaults PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres).
# An existing database of the same name is replaced only if this script made it (it carries a marker comment).
set -euo pipefail

usage() {
    echo "Usage: $0 big-table|many-tables SIZE_MB DBNAME" >&2
    exit 2
}

[[ $# -eq 3 ]] || usage
SHAPE=$1
SIZE_MB=$2
DBNAME=$3
[[ $SHAPE == big-table || $SHAPE == many-tables ]] || usage
# shellcheck source=bench/new-database.sh
source "$(dirname "${BASH_SOURCE[0]}")/new-database.sh"
require_size_and_name "$SIZE_MB" "$DBNAME"
new_marked_database "$DBNAME" "dbrunbooks benchmark shape $SHAPE" "dbrunbooks benchmark shape *"
start=$SECONDS

if [[ $SHAPE == big-table ]]; then
    # Calibrated on PostgreSQL 15: 1 GiB is about 5 million events (~150 bytes a row with its key) and 250,000 items.
    events=$((SIZE_MB * 5000000 / 1024))
    items=$((SIZE_MB * 250000 / 1024))
    echo "Building $DBNAME (big-table): $events events, $items items"
    psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" -v events="$events" -v items="$items" <<'SQL'
CREATE SCHEMA bench;
CREATE TABLE bench.events (
    id bigint PRIMARY KEY,
    account_id integer NOT NULL,
    kind smallint NOT NULL,
    occurred_at timestamptz NOT NULL,
    amount numeric(12, 2),
    note text
);
INSERT INTO bench.events
SELECT i, (i * 7919) % 100000, (i % 12)::smallint, timestamptz '2023-01-01' + i * interval '1 second',
       ((i * 31) % 100000) / 100.0,
       'event ' || md5(i::text) || ' ' || substr(md5((i % 9973)::text), 1, 22) || ' ' || (i % 1000)
FROM generate_series(1::bigint, :events) AS i;

CREATE TABLE bench.items (
    id integer PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL,
    attributes jsonb NOT NULL,
    price numeric(10, 2) NOT NULL,
    ref uuid NOT NULL,
    blob bytea NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO bench.items
SELECT i, 'item ' || md5(i::text),
       (SELECT string_agg(md5(i || ':' || j), ' ') FROM generate_series(1, 12) AS j),
       jsonb_build_object('colour', (ARRAY['red', 'green', 'blue'])[1 + i % 3], 'size', i % 50,
                          'tags', jsonb_build_array(md5((i + 1)::text), i % 7)),
       (i % 10000) / 100.0,
       md5('ref' || i)::uuid,
       decode(md5(i || 'a') || md5(i || 'b') || md5(i || 'c') || md5(i || 'd') || md5(i || 'e')
              || md5(i || 'f') || substr(md5(i || 'g'), 1, 16), 'hex'),
       timestamptz '2024-01-01' + i * interval '1 minute'
FROM generate_series(1, :items) AS i;
CREATE INDEX items_name_idx ON bench.items (name);
CREATE INDEX items_price_idx ON bench.items (price);
CREATE INDEX items_ref_idx ON bench.items (ref);
CREATE INDEX items_updated_idx ON bench.items (updated_at);

CREATE TABLE bench.settings (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO bench.settings SELECT 'key' || i, md5(i::text) FROM generate_series(1, 100) AS i;
CREATE TABLE bench.countries (code char(2) PRIMARY KEY, name text NOT NULL);
INSERT INTO bench.countries SELECT chr(65 + i / 26) || chr(65 + i % 26), 'country ' || i FROM generate_series(0, 200) AS i;
SQL
else
    echo "Building $DBNAME (many-tables): 1,000 tables of 200 rows"
    psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" <<'SQL'
CREATE SCHEMA many;
DO $$
BEGIN
    FOR t IN 1..1000 LOOP
        EXECUTE format('CREATE TABLE many.t%s (id integer PRIMARY KEY, name text NOT NULL, '
                       'amount numeric(10, 2), created_at timestamptz NOT NULL)', t);
        EXECUTE format('INSERT INTO many.t%s SELECT i, md5(i::text), i / 7.0, '
                       'timestamptz ''2024-01-01'' + i * interval ''1 hour'' FROM generate_series(1, 200) AS i', t);
    END LOOP;
END
$$;
SQL
fi

# Sets hint bits and statistics now, so that the first measured dump does not pay for it.
psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" -c "VACUUM (ANALYZE, FREEZE)" -c "CHECKPOINT"
size_bytes=$(psql -X -Atc "SELECT pg_database_size(current_database())" -d "$DBNAME")
echo "Built $DBNAME in $((SECONDS - start)) s: pg_database_size = $size_bytes bytes ($((size_bytes / 1048576)) MiB)"
psql -X -d "$DBNAME" -c "
SELECT n.nspname || '.' || c.relname AS table_name, c.reltuples::bigint AS rows,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total_size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname IN ('bench', 'many')
ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 5"
