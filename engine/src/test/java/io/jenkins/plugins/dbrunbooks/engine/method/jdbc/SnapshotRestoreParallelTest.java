package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SnapshotRestoreParallelTest {
    private static final String INDEXES = "SELECT schemaname || '.' || tablename || ' ' || indexname || ' '"
            + " || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            + " ORDER BY 1";
    private static final String CONSTRAINTS = "SELECT conrelid::regclass::text || ' ' || conname || ' '"
            + " || contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid <> 0"
            + " AND connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final JdbcMethod method = JdbcMethods.postgres();

    @Test
    public void shouldBuildTheSameKeysAndIndexesWithTwoJobsAsWithOne() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase one = TestServers.newPostgresDatabase();
                TestDatabase two = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA shop",
                    "CREATE TABLE shop.customers (id int PRIMARY KEY, email text UNIQUE, name text NOT NULL,"
                            + " CHECK (length(name) > 0))",
                    "CREATE INDEX customers_name_idx ON shop.customers (lower(name))",
                    "CREATE TABLE shop.products (id int PRIMARY KEY, sku text, price numeric CHECK (price >= 0),"
                            + " CONSTRAINT products_sku_key UNIQUE (sku))",
                    "CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int NOT NULL"
                            + " REFERENCES shop.customers, at timestamptz)",
                    "CREATE INDEX orders_customer_idx ON shop.orders (customer_id, at DESC)",
                    "CREATE TABLE shop.order_lines (order_id int REFERENCES shop.orders ON DELETE CASCADE,"
                            + " line int, product_id int REFERENCES shop.products, qty int CHECK (qty > 0),"
                            + " PRIMARY KEY (order_id, line))",
                    "CREATE INDEX order_lines_product_idx ON shop.order_lines (product_id) WHERE qty > 1",
                    "CREATE TABLE shop.notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                            + " parent int REFERENCES shop.notes, body text)",
                    "INSERT INTO shop.customers SELECT i, 'c' || i || '@x', 'name ' || i"
                            + " FROM generate_series(1, 2000) i",
                    "INSERT INTO shop.products SELECT i, 'sku-' || i, i FROM generate_series(1, 500) i",
                    "INSERT INTO shop.orders SELECT i, 1 + i % 2000, now() FROM generate_series(1, 5000) i",
                    "INSERT INTO shop.order_lines SELECT 1 + i % 5000, i, 1 + i % 500, 1 + i % 3"
                            + " FROM generate_series(1, 20000) i",
                    "INSERT INTO shop.notes (parent, body) VALUES (NULL, 'a')",
                    "INSERT INTO shop.notes (parent, body) VALUES (1, 'b')");
            byte[] payload = backup(source);
            method.restore(context(one), source(payload), new RestoreOptions(true, 1));
            method.restore(context(two), source(payload), new RestoreOptions(true, 2));
            assertThat(query(two, INDEXES)).isEqualTo(query(one, INDEXES)).isEqualTo(query(source, INDEXES))
                    .hasSize(10);
            assertThat(query(two, CONSTRAINTS)).isEqualTo(query(one, CONSTRAINTS))
                    .isEqualTo(query(source, CONSTRAINTS))
                    .anyMatch(row -> row.startsWith("shop.order_lines ") && row.contains(" f FOREIGN KEY"))
                    .anyMatch(row -> row.startsWith("shop.products ") && row.contains(" c CHECK"));
            assertThat(PostgresSnapshot.tableChecksums(two.name()))
                    .isEqualTo(PostgresSnapshot.tableChecksums(source.name()));
            assertThat(query(two, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + two.name()
                    + "' AND pid <> pg_backend_pid()")).containsExactly("0");
        }
    }

    @Test
    public void shouldRestoreManyTablesCreatedOnTwoConnectionsBesideOneLargeTable() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            List<String> statements = new ArrayList<>(List.of("CREATE SCHEMA many",
                    "CREATE TABLE many.large (id bigint PRIMARY KEY, note text)",
                    // Several times the loader's first buffer, so it goes the emptied-and-frozen way.
                    "INSERT INTO many.large SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 20000) i"));
            // Three batches of table creation, more than one per connection.
            for (int i = 1; i <= 250; i++) {
                statements.add("CREATE TABLE many.t" + i + " (id int PRIMARY KEY, name text NOT NULL)");
                statements.add("INSERT INTO many.t" + i + " SELECT g, 'row ' || g FROM generate_series(1, " + i
                        + ") g");
            }
            source.execute(statements.toArray(String[]::new));
            byte[] payload = backup(source);
            method.restore(context(target), source(payload), new RestoreOptions(true, 2));
            assertThat(query(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'many'"))
                    .containsExactly("251");
            assertThat(query(target, CONSTRAINTS)).isEqualTo(query(source, CONSTRAINTS)).hasSize(251);
            assertThat(query(target, INDEXES)).isEqualTo(query(source, INDEXES));
            assertThat(PostgresSnapshot.tableChecksums(target.name()))
                    .isEqualTo(PostgresSnapshot.tableChecksums(source.name()));
            assertThat(query(target, "SELECT count(*) FROM many.large")).containsExactly("20000");
        }
    }

    @Test
    public void shouldFailTheRestoreWhenAnIndexCannotBeBuilt() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            // The function claims to be immutable but fails in any other database, so the index on it cannot be
            // built in the copy.
            source.execute("CREATE FUNCTION public.twice(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 * 2"
                    + " / (CASE WHEN current_database() = ''" + source.name() + "'' THEN 1 ELSE 0 END)'",
                    "CREATE TABLE a (id int PRIMARY KEY, v int)", "CREATE INDEX a_v_idx ON a (v)",
                    "CREATE TABLE b (id int PRIMARY KEY, v int)", "CREATE INDEX b_twice_idx ON b (public.twice(v))",
                    "CREATE TABLE c (id int PRIMARY KEY, v int)", "CREATE INDEX c_v_idx ON c (v)",
                    "INSERT INTO a SELECT i, i FROM generate_series(1, 1000) i",
                    "INSERT INTO b SELECT i, i FROM generate_series(1, 1000) i",
                    "INSERT INTO c SELECT i, i FROM generate_series(1, 1000) i");
            byte[] payload = backup(source);
            assertThatThrownBy(() -> method.restore(context(target), source(payload), new RestoreOptions(true, 2)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED))
                    .hasMessageContaining("keys, indexes and constraints")
                    .hasMessageContaining("twice")
                    .hasMessageContaining("b_twice_idx");
            // Every connection is closed when the restore fails; a server process may take a moment to exit
            // after its client closed, so this looks a few times before it judges.
            Eventually.until("no session left on the target", () -> query(target, "SELECT count(*) FROM"
                    + " pg_stat_activity WHERE datname = '" + target.name() + "' AND pid <> pg_backend_pid()")
                    .equals(List.of("0")));
        }
    }

    private byte[] backup(TestDatabase source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        method.backup(context(source), out);
        return out.toByteArray();
    }

    private MethodContext context(TestDatabase db) {
        return new MethodContext(db.url(), db.login(), null, tmp.getRoot().toPath(), new RecordingListener());
    }

    private static RestoreSource source(byte[] payload) {
        return new RestoreSource() {
            @Override
            public InputStream stream() {
                return new ByteArrayInputStream(payload);
            }

            @Override
            public void requireIntact() {
            }
        };
    }

    private static List<String> query(TestDatabase db, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
