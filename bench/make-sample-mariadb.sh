#!/usr/bin/env bash
# Builds a sample MariaDB database of about SIZE_MB megabytes that looks like a real
# application: integer and bigint keys (some AUTO_INCREMENT), short and random-looking
# varchar, long repetitive text, decimal amounts, datetimes with fractions, an ENUM,
# JSON, random-looking blobs, unique and secondary indexes, foreign keys and a view.
# All rows are generated on the server from MariaDB's sequence engine (seq_1_to_N).
#
# Usage: bench/make-sample-mariadb.sh SIZE_MB [DBNAME]
#
# Connection: the mariadb client's usual options through MARIADB_OPTS (default
# "-h127.0.0.1 -P3306 -uroot"); a password is best kept in ~/.my.cnf.
#
# An existing database of the same name is replaced only if this script created it
# (it holds a table named bench_marker, commented as the sample); any other database is left alone.
set -euo pipefail

usage() {
    echo "Usage: $0 SIZE_MB [DBNAME]   (DBNAME defaults to dbrunbooks_bench)" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
SIZE_MB=$1
DBNAME=${2:-dbrunbooks_bench}
# shellcheck source=bench/new-mariadb-database.sh
source "$(dirname "${BASH_SOURCE[0]}")/new-mariadb-database.sh"
require_size_and_name "$SIZE_MB" "$DBNAME"
new_marked_database "$DBNAME" "dbrunbooks benchmark sample" "dbrunbooks benchmark sample" \
    bench/make-sample-mariadb.sh

# Calibrated on MariaDB 10.11 (InnoDB, 16 KiB pages): one scale unit below makes about
# 1.75 MiB of data and indexes as information_schema.TABLES reports them.
BYTES_PER_UNIT=1830000
units=$((SIZE_MB * 1048576 / BYTES_PER_UNIT))
((units >= 1)) || units=1
customers=$((units * 500))
products=$((units * 20))
((products >= 100)) || products=100
orders=$((units * 1200))
items=$((units * 3200))
events=$((units * 1000))
documents=$((units * 60))

echo "Building $DBNAME: target ${SIZE_MB} MiB, scale $units"
start=$SECONDS

sql "$DBNAME" >/dev/null <<SQL
SET SESSION group_concat_max_len = 1048576;

CREATE TABLE customers (
    id          BIGINT NOT NULL PRIMARY KEY,
    email       VARCHAR(120) NOT NULL,
    full_name   VARCHAR(100) NOT NULL,
    country     CHAR(2) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    api_token   CHAR(64) NOT NULL,
    balance     DECIMAL(14,4) NOT NULL DEFAULT 0,
    profile     JSON NOT NULL,
    UNIQUE KEY customers_email (email),
    KEY customers_country (country, created_at)
) ENGINE=InnoDB;

CREATE TABLE products (
    id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku         VARCHAR(20) NOT NULL,
    title       VARCHAR(200) NOT NULL,
    description TEXT NOT NULL,
    price       DECIMAL(12,2) NOT NULL,
    attributes  JSON NOT NULL,
    UNIQUE KEY products_sku (sku)
) ENGINE=InnoDB;

CREATE TABLE orders (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    status       ENUM('new','paid','shipped','cancelled','refunded') NOT NULL,
    placed_at    DATETIME NOT NULL,
    total        DECIMAL(14,2) NOT NULL,
    currency     CHAR(3) NOT NULL,
    note         VARCHAR(255) NULL,
    KEY orders_customer (customer_id, placed_at),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

CREATE TABLE order_items (
    id          BIGINT NOT NULL PRIMARY KEY,
    order_id    BIGINT NOT NULL,
    product_id  INT NOT NULL,
    quantity    SMALLINT NOT NULL,
    unit_price  DECIMAL(12,2) NOT NULL,
    discount    DOUBLE NULL,
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;

CREATE TABLE events (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at  DATETIME(3) NOT NULL,
    customer_id  BIGINT NULL,
    kind         VARCHAR(30) NOT NULL,
    request_id   CHAR(32) NOT NULL,
    ok           BOOLEAN NOT NULL,
    payload      TEXT NOT NULL,
    KEY events_occurred (occurred_at),
    CONSTRAINT events_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

CREATE TABLE documents (
    id           BIGINT NOT NULL PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         MEDIUMTEXT NOT NULL,
    checksum     BINARY(16) NOT NULL,
    attachment   MEDIUMBLOB NOT NULL,
    uploaded_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT documents_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

INSERT INTO customers
SELECT seq,
       CONCAT('user', seq, '@example', seq % 97, '.com'),
       CONCAT(ELT(1 + seq % 10, 'Anna','Bruno','Chen','Dana','Emil','Fatima','Goran','Hana','Ivo','Jana'), ' ',
              ELT(1 + (seq DIV 10) % 8, 'Novak','Smith','García','Müller','Rossi','Kowalski','Silva','Иванова')),
       ELT(1 + (seq * 7) % 10, 'DE','FR','US','CZ','PL','IT','ES','GB','NL','SE'),
       TIMESTAMP'2019-01-01 00:00:00' + INTERVAL (seq % 1800) DAY + INTERVAL (seq % 86400) SECOND
           + INTERVAL (seq % 1000000) MICROSECOND,
       SHA2(CONCAT('token', seq), 256),
       ((seq * 7919) % 2000000) / 100.0 - 5000,
       JSON_OBJECT('newsletter', seq % 3 = 0, 'locale', ELT(1 + seq % 4, 'en','de','fr','cs'),
                   'tier', ELT(1 + seq % 3, 'free','pro','enterprise'), 'logins', seq % 500)
FROM seq_1_to_${customers};

INSERT INTO products (id, sku, title, description, price, attributes)
SELECT seq,
       CONCAT('SKU-', LPAD(seq, 8, '0')),
       CONCAT('Product ', seq, ' ', ELT(1 + seq % 6, 'cable','adapter','monitor','keyboard','chair','lamp')),
       REPEAT('A durable, well made item that ships in recyclable packaging. ', 2 + seq % 4),
       5 + (seq * 37) % 2000 + (seq % 100) / 100.0,
       JSON_OBJECT('colour', ELT(1 + seq % 4, 'black','white','red','blue'), 'weight_g', 100 + seq % 5000,
                   'tags', JSON_ARRAY(CONCAT('tag', seq % 13), CONCAT('tag', seq % 17)))
FROM seq_1_to_${products};

INSERT INTO orders (id, customer_id, status, placed_at, total, currency, note)
SELECT seq,
       1 + (seq * 7919) % ${customers},
       ELT(1 + seq % 5, 'new','paid','shipped','cancelled','refunded'),
       TIMESTAMP'2020-01-01 00:00:00' + INTERVAL (seq * 37) SECOND,
       ((seq * 131) % 100000) / 100.0,
       ELT(1 + seq % 3, 'EUR','USD','CZK'),
       IF(seq % 4 = 0, CONCAT('Leave at the front desk; call ', MD5(seq)), NULL)
FROM seq_1_to_${orders};

INSERT INTO order_items
SELECT seq,
       1 + (seq - 1) % ${orders},
       1 + (seq * 31) % ${products},
       1 + seq % 5,
       1 + ((seq * 17) % 50000) / 100.0,
       IF(seq % 9 = 0, (seq % 30) / 100.0, NULL)
FROM seq_1_to_${items};

INSERT INTO events (id, occurred_at, customer_id, kind, request_id, ok, payload)
SELECT seq,
       TIMESTAMP'2021-01-01 00:00:00' + INTERVAL (seq * 11) SECOND + INTERVAL (seq % 1000) * 1000 MICROSECOND,
       IF(seq % 10 <> 0, 1 + (seq * 104729) % ${customers}, NULL),
       ELT(1 + seq % 5, 'login','logout','order.created','order.paid','profile.updated'),
       MD5(CONCAT('req', seq)),
       seq % 13 <> 0,
       CONCAT('{"ip": "10.', seq % 256, '.', (seq DIV 256) % 256, '.', seq % 7,
              '", "agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/', 100 + seq % 30,
              '", "session": "', MD5(CONCAT('s', seq)), '", "note": "tab\\there, quote \\" and ñ"}')
FROM seq_1_to_${events};

-- Bodies are long, repetitive text (compress well); attachments are random-looking bytes
-- (barely compress), 4 KiB each.
INSERT INTO documents
SELECT d.seq,
       1 + (d.seq * 7) % ${customers},
       CONCAT('Contract ', d.seq),
       REPEAT(CONCAT('Section ', d.seq % 50, ': the parties agree to the terms set out below. '), 40 + d.seq % 40),
       UNHEX(MD5(CONCAT('doc', d.seq))),
       (SELECT GROUP_CONCAT(UNHEX(SHA2(CONCAT(d.seq, ':', k.seq), 512)) ORDER BY k.seq SEPARATOR '')
        FROM seq_1_to_64 k),
       TIMESTAMP'2022-01-01 00:00:00' + INTERVAL (d.seq * 5) MINUTE
FROM seq_1_to_${documents} d;

CREATE VIEW order_totals AS
SELECT o.customer_id, COUNT(*) AS orders, SUM(o.total) AS total FROM orders o GROUP BY o.customer_id;

ANALYZE TABLE customers, products, orders, order_items, events, documents;
SQL

report_size "$DBNAME" "$SIZE_MB" "$start"
