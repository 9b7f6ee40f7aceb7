-- A small shop database for the quick start: two schemas, awkward values, a view.
CREATE SCHEMA IF NOT EXISTS sales;
CREATE TABLE sales.customers (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(200) UNIQUE,
    joined TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE sales.orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES sales.customers(id),
    total DECIMAL(12, 2) NOT NULL CHECK (total >= 0),
    note CLOB,
    receipt BLOB
);
INSERT INTO sales.customers (name, email, joined)
    SELECT 'Customer ' || X, 'c' || X || '@example.test', TIMESTAMP WITH TIME ZONE '2026-01-01 09:00:00+01' + X * INTERVAL '1' HOUR
    FROM SYSTEM_RANGE(1, 500);
INSERT INTO sales.customers (name, email, joined) VALUES ('Zoë Ñandú 日本', NULL, TIMESTAMP WITH TIME ZONE '2026-03-29 02:30:00+02');
INSERT INTO sales.orders (customer_id, total, note, receipt)
    SELECT MOD(X, 500) + 1, X * 1.25, CASE WHEN MOD(X, 7) = 0 THEN NULL ELSE REPEAT('note ', MOD(X, 50)) END,
           CAST(X'00FF10' AS BLOB)
    FROM SYSTEM_RANGE(1, 5000);
CREATE VIEW sales.big_orders AS SELECT id, total FROM sales.orders WHERE total > 5000;
