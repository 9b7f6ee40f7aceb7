package io.jenkins.plugins.dbrunbooks.engine.testing;

/** A PostgreSQL schema with the data that breaks naive dumps: every kind of awkward value, several schemas. */
public final class PostgresSampleData {
    private PostgresSampleData() {
    }

    public static void load(TestDatabase db) {
        db.execute(
                "CREATE SCHEMA \"Sales Ops\"",
                "CREATE SCHEMA inventory",
                "CREATE TYPE inventory.mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE \"Sales Ops\".\"Order Lines\" (\"select\" int PRIMARY KEY, \"Mixed Case\" text,"
                        + " amount numeric(38,18), at timestamptz, local_at timestamp, data bytea, doc jsonb,"
                        + " tags text[], note text, ratio double precision)",
                "INSERT INTO \"Sales Ops\".\"Order Lines\" VALUES"
                        + " (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (2, 'Grüße 🎉 日本語 עברית \"quoted\" ''single'' \\back\\slash', 12345678901234567890.123456789012345678,"
                        + " '2024-03-31 02:30:00+02', '1999-12-31 23:59:59.999999', '\\x00ff', '{\"a\": [1, 2.5, null]}',"
                        + " ARRAY['x', NULL, 'z,\"w'], E'tab\\there\\nnewline', 'NaN'),"
                        + " (3, '', -0.000000000000000001, '1970-01-01 00:00:00+14', '0001-01-01 00:00:00', '', '{}',"
                        + " '{}', repeat('large text ', 500000), '-Infinity')",
                "UPDATE \"Sales Ops\".\"Order Lines\" SET data = (SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), ''),"
                        + " 'hex') FROM generate_series(0, 255) i) WHERE \"select\" = 1",
                "CREATE TABLE inventory.items (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE,"
                        + " mood inventory.mood DEFAULT 'ok', price numeric(12,2) CHECK (price >= 0))",
                "CREATE TABLE inventory.stock (item_id bigint REFERENCES inventory.items(id), qty int DEFAULT 0)",
                "INSERT INTO inventory.items (name, mood, price) SELECT 'item ' || i, (ARRAY['sad','ok','happy'])[i % 3 + 1]::inventory.mood,"
                        + " i * 1.25 FROM generate_series(1, 2000) i",
                "INSERT INTO inventory.stock SELECT id, id % 17 FROM inventory.items",
                "CREATE INDEX stock_qty ON inventory.stock (qty)",
                "CREATE VIEW inventory.happy_items AS SELECT name FROM inventory.items WHERE mood = 'happy'",
                "COMMENT ON TABLE inventory.items IS 'Things we sell'");
    }
}
