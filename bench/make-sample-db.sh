#!/usr/bin/env bash
# Builds a sample PostgreSQL database of about SIZE_MB megabytes that looks like a
# real application: several schemas, integer and bigint keys, compressible and
# random-looking text, numeric, timestamptz, jsonb and bytea columns, indexes and
# foreign keys. All rows are generated server-side with generate_series.
#
# Usage: bench/make-sample-db.sh SIZE_MB [DBNAME]
#
# Connection: the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD...).
# Defaults: PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres.
#
# An existing database of the same name is replaced only if this script created
# it (it carries a marker comment); any other database is left alone.
set -euo pipefail

usage() {
    echo "Usage: $0 SIZE_MB [DBNAME]   (DBNAME defaults to dbrunbooks_bench)" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
SIZE_MB=$1
DBNAME=${2:-dbrunbooks_bench}
# shellcheck source=bench/new-database.sh
source "$(dirname "${BASH_SOURCE[0]}")/new-database.sh"
require_size_and_name "$SIZE_MB" "$DBNAME"
MARKER='dbrunbooks benchmark sample'
new_marked_database "$DBNAME" "$MARKER" "$MARKER"

# Size of an empty database (catalogs), which the rows do not have to fill.
base_bytes=$(psql -X -Atc "SELECT pg_database_size(current_database())" -d "$DBNAME")
# Calibrated on PostgreSQL 15: one scale unit below makes about 1.55 MiB on disk
# (heap, TOAST and indexes together).
BYTES_PER_UNIT=1620000
target_bytes=$((SIZE_MB * 1048576))
units=$(((target_bytes - base_bytes) / BYTES_PER_UNIT))
((units >= 1)) || units=1

echo "Building $DBNAME: target ${SIZE_MB} MiB, scale $units"
start=$SECONDS

# Row counts per scale unit were chosen to mix narrow rows, jsonb, TOASTed text and bytea.
products=$((units * 20))
((products >= 100)) || products=100
psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" \
    -v customers=$((units * 600)) -v products="$products" -v orders=$((units * 1500)) \
    -v items=$((units * 4000)) -v events=$((units * 1200)) -v documents=$((units * 100)) <<'SQL'

CREATE SCHEMA app;
CREATE SCHEMA billing;
CREATE SCHEMA audit;

CREATE TYPE billing.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled', 'refunded');

CREATE TABLE app.customers (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    full_name   text NOT NULL,
    country     char(2) NOT NULL,
    created_at  timestamptz NOT NULL,
    api_token   text NOT NULL,
    profile     jsonb NOT NULL
);

CREATE TABLE app.products (
    id          integer PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    title       text NOT NULL,
    description text NOT NULL,
    price       numeric(12,2) NOT NULL,
    attributes  jsonb NOT NULL
);

CREATE TABLE billing.orders (
    id           bigint PRIMARY KEY,
    customer_id  bigint NOT NULL,
    status       billing.order_status NOT NULL,
    placed_at    timestamptz NOT NULL,
    total        numeric(14,2) NOT NULL,
    currency     char(3) NOT NULL,
    note         text
);

CREATE TABLE billing.order_items (
    id          bigint PRIMARY KEY,
    order_id    bigint NOT NULL,
    product_id  integer NOT NULL,
    quantity    integer NOT NULL,
    unit_price  numeric(12,2) NOT NULL
);

CREATE TABLE audit.events (
    id           bigint PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    customer_id  bigint,
    kind         text NOT NULL,
    request_id   text NOT NULL,
    payload      jsonb NOT NULL
);

CREATE TABLE app.documents (
    id           bigint PRIMARY KEY,
    customer_id  bigint NOT NULL,
    title        text NOT NULL,
    body         text NOT NULL,
    checksum     text NOT NULL,
    attachment   bytea NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

-- Rows first, keys and indexes afterwards: that is how a restore builds them too.
INSERT INTO app.customers
SELECT i,
       'user' || i || '@example' || (i % 97) || '.com',
       (ARRAY['Anna','Bruno','Chen','Dana','Emil','Fatima','Goran','Hana','Ivo','Jana'])[1 + i % 10]
           || ' ' || (ARRAY['Novak','Smith','Garcia','Müller','Rossi','Kowalski','Silva','Ivanova'])[1 + (i / 10) % 8],
       (ARRAY['DE','FR','US','CZ','PL','IT','ES','GB','NL','SE'])[1 + (i * 7) % 10],
       timestamptz '2019-01-01' + (i % 1800) * interval '1 day' + (i % 86400) * interval '1 second',
       md5('token' || i) || md5('salt' || i),
       jsonb_build_object('newsletter', i % 3 = 0, 'locale', (ARRAY['en','de','fr','cs'])[1 + i % 4],
                          'tier', (ARRAY['free','pro','enterprise'])[1 + i % 3], 'logins', i % 500)
FROM generate_series(1::bigint, :customers) AS i;

INSERT INTO app.products
SELECT i,
       'SKU-' || lpad(i::text, 8, '0'),
       'Product ' || i || ' ' || (ARRAY['cable','adapter','monitor','keyboard','chair','lamp'])[1 + i % 6],
       repeat('A durable, well made item that ships in recyclable packaging. ', (2 + i % 4)::int),
       round((5 + (i * 37) % 2000 + (i % 100) / 100.0)::numeric, 2),
       jsonb_build_object('colour', (ARRAY['black','white','red','blue'])[1 + i % 4], 'weight_g', 100 + i % 5000,
                          'tags', jsonb_build_array('tag' || i % 13, 'tag' || i % 17))
FROM generate_series(1::bigint, :products) AS i;

INSERT INTO billing.orders
SELECT i,
       1 + (i * 7919) % :customers,
       (ARRAY['new','paid','shipped','cancelled','refunded']::billing.order_status[])[1 + i % 5],
       timestamptz '2020-01-01' + i * interval '37 seconds',
       round(((i * 131) % 100000 / 100.0)::numeric, 2),
       (ARRAY['EUR','USD','CZK'])[1 + i % 3],
       CASE WHEN i % 4 = 0 THEN 'Leave at the front desk; call ' || md5(i::text) END
FROM generate_series(1::bigint, :orders) AS i;

INSERT INTO billing.order_items
SELECT i,
       1 + (i - 1) % :orders,
       1 + (i * 31) % :products,
       1 + i % 5,
       round((1 + (i * 17) % 50000 / 100.0)::numeric, 2)
FROM generate_series(1::bigint, :items) AS i;

INSERT INTO audit.events
SELECT i,
       timestamptz '2021-01-01' + i * interval '11 seconds',
       CASE WHEN i % 10 <> 0 THEN 1 + (i * 104729) % :customers END,
       (ARRAY['login','logout','order.created','order.paid','profile.updated'])[1 + i % 5],
       md5('req' || i),
       jsonb_build_object('ip', '10.' || i % 256 || '.' || (i / 256) % 256 || '.' || i % 7,
                          'agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/' || (100 + i % 30),
                          'session', md5('s' || i), 'ok', i % 13 <> 0)
FROM generate_series(1::bigint, :events) AS i;

-- Document bodies are long, repetitive text (compresses well, stored in TOAST);
-- attachments are random-looking bytes (barely compress).
INSERT INTO app.documents
SELECT i,
       1 + (i * 7) % :customers,
       'Contract ' || i,
       repeat('Section ' || i % 50 || ': the parties agree to the terms set out below. ', (40 + i % 40)::int),
       md5('doc' || i),
       decode(string_agg(md5(i::text || ':' || j), '' ORDER BY j), 'hex'),
       timestamptz '2022-01-01' + i * interval '5 minutes'
FROM generate_series(1::bigint, :documents) AS i
CROSS JOIN generate_series(1, 128) AS j
GROUP BY i;

ALTER TABLE billing.orders
    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id);
ALTER TABLE billing.order_items
    ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES billing.orders (id),
    ADD CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES app.products (id);
ALTER TABLE audit.events
    ADD CONSTRAINT events_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id);
ALTER TABLE app.documents
    ADD CONSTRAINT documents_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id);

CREATE UNIQUE INDEX customers_email_idx ON app.customers (email);
CREATE INDEX orders_customer_idx ON billing.orders (customer_id, placed_at);
CREATE INDEX order_items_order_idx ON billing.order_items (order_id);
CREATE INDEX events_occurred_idx ON audit.events (occurred_at);
CREATE INDEX events_payload_idx ON audit.events USING gin (payload jsonb_path_ops);

CREATE VIEW billing.order_totals AS
SELECT o.customer_id, count(*) AS orders, sum(o.total) AS total
FROM billing.orders o GROUP BY o.customer_id;
SQL

# Sets hint bits and statistics now, so that the first measured dump does not pay for it.
psql -X -q -v ON_ERROR_STOP=1 -d "$DBNAME" -c "VACUUM (ANALYZE, FREEZE)" -c "CHECKPOINT"

size_bytes=$(psql -X -Atc "SELECT pg_database_size(current_database())" -d "$DBNAME")
size_pretty=$(psql -X -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" -d "$DBNAME")
echo "Built $DBNAME in $((SECONDS - start)) s: pg_database_size = $size_bytes bytes ($size_pretty)," \
    "$((size_bytes * 100 / target_bytes))% of the ${SIZE_MB} MiB target"
psql -X -d "$DBNAME" -c "
SELECT n.nspname || '.' || c.relname AS table_name,
       c.reltuples::bigint AS rows,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total_size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname IN ('app', 'billing', 'audit')
ORDER BY pg_total_relation_size(c.oid) DESC"
