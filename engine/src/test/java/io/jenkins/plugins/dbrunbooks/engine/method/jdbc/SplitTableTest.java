package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresCopyFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Tables read in several parts (ranges of their pages) on two connections come back whole: in PostgreSQL row for
 * row, in MariaDB and H2 with the same counts and sums. The parts are made small, so tables of a few hundred kB are
 * split as a big one would be.
 */
public class SplitTableTest {
    private static final long PART_BYTES = 64 * 1024;
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * Tables of every kind a split must handle: with a key, without one (duplicate rows), with TOASTed values, read
     * with SELECT rather than COPY (a type without a binary form in the format), one never analyzed (no page count
     * in the statistics: measured and split) and one whose statistics say it is empty (analyzed before its rows
     * came: read whole).
     */
    private static void load(TestDatabase db) {
        db.execute("CREATE TABLE keyed (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2), at timestamptz)",
                "INSERT INTO keyed SELECT i, 'name ' || i, i * 1.25, TIMESTAMPTZ '2024-01-01 00:00Z'"
                        + " + i * INTERVAL '1 minute' FROM generate_series(1, 20000) i",
                "CREATE TABLE nokey (a int, b text)",
                "INSERT INTO nokey SELECT i % 100, 'same' FROM generate_series(1, 15000) i",
                "CREATE TABLE toasted (id int PRIMARY KEY, body text, data bytea)",
                // Random text does not compress, so the values move out of line into TOAST.
                "INSERT INTO toasted SELECT i, (SELECT string_agg(md5(i::text || '.' || k), '') FROM"
                        + " generate_series(1, 400) k), decode(repeat(md5(i::text), 100), 'hex')"
                        + " FROM generate_series(1, 300) i",
                "CREATE TABLE selected (id int PRIMARY KEY, addr inet, note text)",
                "INSERT INTO selected SELECT i, ('10.0.' || i % 250 || '.' || i % 200)::inet, 'note ' || i"
                        + " FROM generate_series(1, 12000) i",
                "CREATE TABLE unknown (id bigint, v text) WITH (autovacuum_enabled = off)",
                "INSERT INTO unknown SELECT i, repeat('x', i % 50) FROM generate_series(1, 25000) i",
                "CREATE TABLE stale (id bigint, v text) WITH (autovacuum_enabled = off)",
                "ANALYZE stale",
                "INSERT INTO stale SELECT i, repeat('y', i % 50) FROM generate_series(1, 25000) i",
                "ANALYZE keyed, nokey, toasted, selected");
    }

    @Test
    public void shouldRestoreTablesReadInPartsRowForRow() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            load(source);
            assertThat(query(source, "SELECT relpages, reltuples FROM pg_class WHERE relname IN ('unknown', 'stale')"
                    + " ORDER BY relname")).containsExactly("0", "0", "0", "-1");
            RecordingListener listener = new RecordingListener();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BackupReceipt receipt = new ParallelCopyBackup(new PostgresSnapshotDialect(), 2, PART_BYTES)
                    .run(context(source, listener), out);
            assertThat(receipt.toolVersion()).isEqualTo("format 5");
            // Every table is read in parts, the one never analyzed by its size on disk, but the one whose statistics
            // call it empty.
            for (String table : List.of("keyed", "nokey", "toasted", "selected", "unknown")) {
                assertThat(listener.messages).as(table)
                        .anyMatch(m -> m.startsWith("Backed up ") && m.contains("'public." + table + "' in "));
            }
            assertThat(listener.messages).anyMatch(m -> m.startsWith("Backed up 25000 rows of 'public.stale' ("));
            assertThat(receipt.rowCounts()).containsEntry("public.keyed", 20000L).containsEntry("public.nokey",
                    15000L).containsEntry("public.toasted", 300L).containsEntry("public.selected", 12000L)
                    .containsEntry("public.stale", 25000L).containsEntry("public.unknown", 25000L);

            // The fingerprints summed from the parts as they streamed are those of the whole tables, read again;
            // the table read with SELECT had its own read.
            DataFingerprints whole;
            try (Connection c = source.connect()) {
                whole = new PostgresCopyFingerprinter().take(c);
            }
            assertThat(receipt.fingerprints()).isEqualTo(whole);
            assertThat(whole.scheme()).isEqualTo(PostgresCopyFingerprinter.SCHEME);
            assertThat(listener.messages).contains("Taking data fingerprints of 1 table not hashed as they were"
                    + " read in the backup's snapshot");

            RecordingListener restored = new RecordingListener();
            JdbcMethods.postgres().restore(context(target, restored), source(out.toByteArray()),
                    new RestoreOptions(true, 2));
            Map<String, String> sums = PostgresSnapshot.tableChecksums(source.name());
            assertThat(sums).hasSize(6);
            assertThat(PostgresSnapshot.tableChecksums(target.name())).isEqualTo(sums);
            try (Connection c = target.connect(); Connection other = target.connect()) {
                assertThat(new PostgresCopyFingerprinter().take(List.of(c, other), null)).isEqualTo(whole);
            }
            assertThat(restored.messages).anyMatch(m -> m.startsWith("Restored 20000 rows of 'public.keyed' in "));
            // The key was built once every part was in.
            assertThat(query(target, "SELECT count(*) FROM pg_index WHERE indrelid = 'keyed'::regclass"
                    + " AND indisprimary AND indisvalid")).containsExactly("1");
        }
    }

    @Test
    public void shouldReadEachRowOnceWhateverTheRanges() {
        ParallelCopyBackup backup = new ParallelCopyBackup(new PostgresSnapshotDialect(), 2, 100);
        // An empty heap is read whole, never in no part at all; so is a small table.
        assertThat(backup.parts(1, 0, 1000)).singleElement().satisfies(i -> assertThat(i.where()).isNull());
        assertThat(backup.parts(1, 10, 100)).singleElement().satisfies(i -> assertThat(i.where()).isNull());
        for (long[] size : new long[][] {{10, 1000}, {3, 250}, {1000, 100_000}, {7, 100_000}}) {
            List<ParallelCopyBackup.Item> parts = backup.parts(4, size[0], size[1]);
            assertThat(parts).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo((int) size[0]);
            assertThat(parts.get(0).where()).startsWith("ctid < ").doesNotContain(">=");
            assertThat(parts.get(parts.size() - 1).where()).startsWith("ctid >= ").doesNotContain("<");
            for (int k = 1; k < parts.size(); k++) {
                assertThat(parts.get(k).from()).isEqualTo(parts.get(k - 1).to())
                        .isGreaterThan(parts.get(k - 1).from());
                assertThat(parts.get(k).part()).isEqualTo(k);
            }
            assertThat(parts).allSatisfy(i -> assertThat(i.parts()).isEqualTo(parts.size()));
            assertThat(parts.get(parts.size() - 1).to()).isEqualTo(size[0]);
        }
    }

    @Test
    public void shouldRestoreTablesReadInPartsIntoMariaDbAndH2() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase maria = TestServers.newMariaDbDatabase()) {
            // An identity key: AUTO_INCREMENT in MariaDB, whose parts then load in statements that take turns.
            source.execute("CREATE TABLE keyed (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                            + " name text NOT NULL, amount numeric(12,2))",
                    "INSERT INTO keyed SELECT i, 'name ' || i, i * 1.25 FROM generate_series(1, 20000) i",
                    "CREATE TABLE nokey (a int, b text)",
                    "INSERT INTO nokey SELECT i % 100, 'same' FROM generate_series(1, 15000) i",
                    "CREATE TABLE toasted (id int PRIMARY KEY, body text)",
                    "INSERT INTO toasted SELECT i, (SELECT string_agg(md5(i::text || '.' || k), '') FROM"
                            + " generate_series(1, 400) k) FROM generate_series(1, 300) i");
            RecordingListener listener = new RecordingListener();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ParallelCopyBackup(new PostgresSnapshotDialect(), 2, PART_BYTES).run(context(source, listener), out);
            assertThat(listener.messages).anyMatch(m -> m.contains("'public.keyed' in "))
                    .anyMatch(m -> m.contains("'public.toasted' in "));
            String sums = "SELECT count(*), sum(id), sum(length(name)), sum(amount) FROM keyed";
            String nokey = "SELECT count(*), sum(a), count(DISTINCT b) FROM nokey";
            String toasted = "SELECT count(*), sum(id), sum(length(body)) FROM toasted";
            List<String> expected = new ArrayList<>();
            for (String sql : List.of(sums, nokey, toasted)) {
                expected.addAll(query(source, sql));
            }

            JdbcMethods.mariaDb().restore(context(maria, new RecordingListener()), source(out.toByteArray()),
                    new RestoreOptions(true, 2));
            List<String> inMaria = new ArrayList<>();
            for (String sql : List.of(sums, nokey, toasted)) {
                inMaria.addAll(query(maria.url(), maria.login().user(), sql));
            }
            assertThat(inMaria).isEqualTo(expected);

            String h2 = "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2").resolve("target").toAbsolutePath();
            new JdbcMethod(new H2SnapshotDialect(), new H2NativeMethod()).restore(new MethodContext(h2, H2_LOGIN,
                    null, tmp.getRoot().toPath(), new RecordingListener()), source(out.toByteArray()),
                    new RestoreOptions(true, 2));
            List<String> inH2 = new ArrayList<>();
            for (String sql : List.of(sums, nokey, toasted)) {
                inH2.addAll(query(h2, "sa", sql.replace("keyed", "PUBLIC.\"keyed\"")
                        .replace("nokey", "PUBLIC.\"nokey\"").replace("toasted", "PUBLIC.\"toasted\"")
                        .replaceAll("\\b(id|name|amount|a|b|body)\\b", "\"$1\"")));
            }
            assertThat(inH2).isEqualTo(expected);
        }
    }

    /**
     * A table read in parts whose key is an identity column loads into MariaDB, where that column is AUTO_INCREMENT.
     * MariaDB's LOAD DATA holds such a table's AUTO_INCREMENT lock until it ends, so parts loading at once on two
     * connections waited on each other until the lock wait timed out, while the stream waited for them. The parts
     * are bigger than what the restore holds in memory for one, as a big table's are, and hold values of 3 MB.
     */
    @Test
    public void shouldRestoreATableReadInPartsIntoMariaDbWhereItsKeyIsAutoIncrement() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase maria = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE counted (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                            + " pad text NOT NULL)",
                    "INSERT INTO counted (pad) SELECT md5(i::text) || repeat('x', 200)"
                            + " FROM generate_series(1, 600000) i",
                    // Values the restore keeps in files, not in memory, in several parts.
                    "UPDATE counted SET pad = repeat(md5(id::text), 100000) WHERE id % 100000 = 7",
                    // A second table, so the backup reads on two connections.
                    "CREATE TABLE other (id int PRIMARY KEY)", "INSERT INTO other VALUES (1)",
                    "ANALYZE counted, other");
            RecordingListener listener = new RecordingListener();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ParallelCopyBackup(new PostgresSnapshotDialect(), 2, 40L << 20).run(context(source, listener), out);
            assertThat(listener.messages).anyMatch(m -> m.matches("Backed up 600000 rows of 'public.counted' in [3-9]"
                    + " parts .*"));

            RecordingListener restored = new RecordingListener();
            JdbcMethods.mariaDb().restore(context(maria, restored), source(out.toByteArray()),
                    new RestoreOptions(true, 2));
            String sums = "SELECT count(*), sum(id), sum(length(pad)), max(id) FROM counted";
            assertThat(query(maria.url(), maria.login().user(), sums)).isEqualTo(query(source, sums));
            assertThat(MariaDbJdbcMethodTest.query(maria.url(), "SHOW CREATE TABLE counted").get(1))
                    .contains("AUTO_INCREMENT");
            assertThat(restored.messages).anyMatch(m -> m.startsWith("Restored 600000 rows of 'public.counted' in "));
        }
    }

    private MethodContext context(TestDatabase db, RecordingListener listener) {
        return new MethodContext(db.url(), db.login(), null, tmp.getRoot().toPath(), listener);
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

    private static List<String> query(TestDatabase db, String sql) throws SQLException {
        return query(db.url(), db.login().user(), sql);
    }

    private static List<String> query(String url, String user, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    values.add(new java.math.BigDecimal(rs.getString(i)).stripTrailingZeros().toPlainString());
                }
            }
        }
        return values;
    }
}
