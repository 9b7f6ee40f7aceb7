#!/usr/bin/env bash
# Builds a MariaDB database of one of the shapes of bench/make-shape-db.sh, which bench/'s application-like sample
# does not have:
#
#   big-table     about SIZE_MB MiB of data and indexes (as information_schema.TABLES reports them) dominated by
#                 one table: events (6.7 million rows per GiB, BIGINT AUTO_INCREMENT primary key) holds about
#                 three quarters of it; items (250,000 rows per GiB: TEXT, JSON, DECIMAL, UUID and 200 random
#                 bytes of VARBINARY, four secondary indexes) most of the rest; a few tiny tables.
#   many-tables   1,000 small tables (t1 to t1000, 200 rows each with a primary key), whatever SIZE_MB says.
#
# All rows are generated on the server from MariaDB's sequence engine (seq_1_to_N), half a million rows to a
# transaction, so that none outgrows the redo log or the buffer pool.
#
# Usage: bench/make-shape-mariadb.sh big-table|many-tables SIZE_MB DBNAME
#
# Connection: the mariadb client's usual options through MARIADB_OPTS (default "-h127.0.0.1 -P3306 -uroot"); a
# password is best kept in ~/.my.cnf.
#
# An existing database of the same name is replaced only if this script made it (it holds a table named
# bench_marker, commented as a benchmark shape); any other database is left alone.
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
# shellcheck source=bench/new-mariadb-database.sh
source "$(dirname "${BASH_SOURCE[0]}")/new-mariadb-database.sh"
require_size_and_name "$SIZE_MB" "$DBNAME"
new_marked_database "$DBNAME" "dbrunbooks benchmark shape $SHAPE" "dbrunbooks benchmark shape %" \
    bench/make-shape-mariadb.sh

if [[ $SHAPE == many-tables ]]; then
    start=$SECONDS
    echo "Building $DBNAME (many-tables): 1,000 tables of 200 rows"
    for ((t = 1; t <= 1000; t++)); do
        echo "CREATE TABLE t$t (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NULL,"
        echo "    created_at DATETIME NOT NULL) ENGINE=InnoDB;"
        echo "INSERT INTO t$t SELECT seq, MD5(seq), seq / 7.0, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq HOUR"
        echo "FROM seq_1_to_200;"
    done | sql "$DBNAME"
    # Statistics now, so that information_schema.TABLES and the first measured run see the real sizes.
    tables=$(printf 't%d,' $(seq 1 1000))
    sql "$DBNAME" >/dev/null <<<"ANALYZE TABLE ${tables%,};"
    report_size "$DBNAME" "$SIZE_MB" "$start" 5
    exit 0
fi

# Calibrated on MariaDB 10.11 (InnoDB, 16 KiB pages, DYNAMIC rows): 1 GiB is about 6.7 million events (~123 bytes
# a row with its key, 77 % of it) and 250,000 items (~1,000 bytes a row with its indexes).
EVENTS_PER_GIB=6700000
CHUNK=500000
events=$((SIZE_MB * EVENTS_PER_GIB / 1024))
items=$((SIZE_MB * 250000 / 1024))
start=$SECONDS
echo "Building $DBNAME (big-table): $events events, $items items"

sql "$DBNAME" <<SQL
CREATE TABLE events (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id  INT NOT NULL,
    kind        SMALLINT NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    amount      DECIMAL(12,2) NULL,
    note        VARCHAR(100) NULL
) ENGINE=InnoDB;

CREATE TABLE items (
    id          INT NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    description TEXT NOT NULL,
    attributes  JSON NOT NULL,
    price       DECIMAL(10,2) NOT NULL,
    ref         UUID NOT NULL,
    data        VARBINARY(200) NOT NULL,
    updated_at  DATETIME NOT NULL
) ENGINE=InnoDB;

CREATE TABLE settings (name VARCHAR(64) NOT NULL PRIMARY KEY, value VARCHAR(64) NOT NULL) ENGINE=InnoDB;
INSERT INTO settings SELECT CONCAT('key', seq), MD5(seq) FROM seq_1_to_100;
CREATE TABLE countries (code CHAR(2) NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL) ENGINE=InnoDB;
INSERT INTO countries SELECT CONCAT(CHAR(65 + seq DIV 26), CHAR(65 + seq MOD 26)), CONCAT('country ', seq)
FROM seq_0_to_200;
SQL

# Chunks of CHUNK rows, each its own transaction; the key ascends, so every chunk appends to the table.
for ((first = 1; first <= events; first += CHUNK)); do
    last=$((first + CHUNK - 1 < events ? first + CHUNK - 1 : events))
    sql "$DBNAME" <<SQL
INSERT INTO events (id, account_id, kind, occurred_at, amount, note)
SELECT seq, (seq * 7919) % 100000, seq % 12,
       TIMESTAMP'2023-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq * 7) % 1000000 MICROSECOND,
       ((seq * 31) % 100000) / 100.0,
       CONCAT('event ', MD5(seq), ' ', LEFT(MD5(seq % 9973), 22), ' ', seq % 1000)
FROM seq_${first}_to_${last};
SQL
    echo "  events: $last of $events rows ($((SECONDS - start)) s)"
done

for ((first = 1; first <= items; first += CHUNK)); do
    last=$((first + CHUNK - 1 < items ? first + CHUNK - 1 : items))
    sql "$DBNAME" <<SQL
SET SESSION group_concat_max_len = 1048576;
INSERT INTO items
SELECT i.seq, CONCAT('item ', MD5(i.seq)),
       (SELECT GROUP_CONCAT(MD5(CONCAT(i.seq, ':', j.seq)) ORDER BY j.seq SEPARATOR ' ') FROM seq_1_to_12 j),
       JSON_OBJECT('colour', ELT(1 + i.seq % 3, 'red', 'green', 'blue'), 'size', i.seq % 50,
                   'tags', JSON_ARRAY(MD5(i.seq + 1), i.seq % 7)),
       (i.seq % 10000) / 100.0,
       -- an MD5 made a version 4 UUID: MariaDB's UUID type refuses the variant bits 0xx, which an MD5 may have
       INSERT(INSERT(MD5(CONCAT('ref', i.seq)), 13, 1, '4'), 17, 1, '8'),
       UNHEX(CONCAT(SHA2(CONCAT(i.seq, 'a'), 512), SHA2(CONCAT(i.seq, 'b'), 512), SHA2(CONCAT(i.seq, 'c'), 512),
                    LEFT(SHA2(CONCAT(i.seq, 'd'), 512), 16))),
       TIMESTAMP'2024-01-01 00:00:00' + INTERVAL i.seq MINUTE
FROM seq_${first}_to_${last} i;
SQL
    echo "  items: $last of $items rows ($((SECONDS - start)) s)"
done

sql "$DBNAME" <<SQL
ALTER TABLE items ADD INDEX items_name_idx (name), ADD INDEX items_price_idx (price),
    ADD INDEX items_ref_idx (ref), ADD INDEX items_updated_idx (updated_at);
SQL
echo "  items: four secondary indexes ($((SECONDS - start)) s)"

# Statistics now, so that information_schema.TABLES and the first measured run see the real sizes.
sql "$DBNAME" >/dev/null <<SQL
ANALYZE TABLE events, items, settings, countries, bench_marker;
SQL

report_size "$DBNAME" "$SIZE_MB" "$start"
