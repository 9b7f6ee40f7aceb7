package io.jenkins.plugins.dbrunbooks.engine.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Live copies on the real servers: the source as it is, streamed into a new database, the same data on arrival;
 * refused before the target exists when something cannot be carried; nothing left behind by a failure.
 */
public class LiveCopyOperationTest {
    private static final String PG_ROWS = "INSERT INTO big (id, label, amount, payload, created)"
            + " SELECT g, 'row ' || g, g * 1.25, decode(md5(g::text), 'hex'), timestamp '2026-01-01' + g * interval '1 min'"
            + " FROM generate_series(1, 20000) g";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldCopyALivePostgresDatabaseIntoANewOneWithTheSameData() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id int PRIMARY KEY, label text NOT NULL, amount numeric(12,2),"
                    + " payload bytea, created timestamp)", PG_ROWS,
                    "CREATE INDEX big_label ON big (label)",
                    "CREATE TABLE owners (id serial PRIMARY KEY, big_id int REFERENCES big (id), tags text[],"
                            + " doc jsonb)",
                    "INSERT INTO owners (big_id, tags, doc) SELECT g, ARRAY['a', 'b' || g], jsonb_build_object('n', g)"
                            + " FROM generate_series(1, 500) g",
                    "CREATE TABLE empty_one (id int)");
            EngineFixture fixture = fixture(source, source);
            String name = "live_" + TestServers.uniqueName();
            try {
                RestoreResult result = new LiveCopyOperation(fixture.context())
                        .run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null));

                assertThat(result.backupId()).isNull();
                assertThat(result.targetDatabase()).isEqualTo(name);
                String copyUrl = TestServers.postgresUrl(name);
                assertThat(fingerprints("postgresql", copyUrl, TestServers.PG_USER).sorted())
                        .isEqualTo(fingerprints("postgresql", source.url(), TestServers.PG_USER).sorted())
                        .containsKeys("public.big", "public.owners", "public.empty_one");
                assertThat(scalar(copyUrl, TestServers.PG_USER, "SELECT count(*) FROM pg_indexes"
                        + " WHERE indexname IN ('big_label', 'big_pkey')")).isEqualTo(2);
                // The sequence goes on where the source's stands.
                assertThat(scalar(copyUrl, TestServers.PG_USER, "SELECT nextval('owners_id_seq')")).isEqualTo(501);
                assertThat(fixture.events).extracting(AuditEvent::operation).containsExactly("restore-started",
                        "restore");
                assertThat(fixture.events.get(1).message()).isEqualTo("live copy of qa/orders into " + name);
                assertThat(notesLeft()).isEmpty();
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void shouldCopyALiveMariaDbDatabaseIntoANewOneWithTheSameData() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, amount DECIMAL(12,2),"
                    + " payload VARBINARY(32), created DATETIME(3), KEY big_label (label))",
                    "INSERT INTO big SELECT seq, CONCAT('row ', seq), seq * 1.25, UNHEX(MD5(seq)),"
                            + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_20000",
                    "CREATE TABLE owners (id INT AUTO_INCREMENT PRIMARY KEY, big_id INT, note TEXT,"
                            + " FOREIGN KEY (big_id) REFERENCES big (id))",
                    "INSERT INTO owners (big_id, note) SELECT seq, REPEAT('x', seq) FROM seq_1_to_300");
            EngineFixture fixture = fixture(source, source);
            String name = "live_" + TestServers.uniqueName();
            try {
                ScratchCopy copy = new ScratchCopyOperation(fixture.context()).create(new ScratchCopyRequest("dev",
                        "copy", null, "qa", "orders", null, null, name, true));

                assertThat(copy.backupId()).isNull();
                assertThat(copy.holds()).isEqualTo("a live copy of 'qa/orders'");
                String copyUrl = TestServers.mariaDbUrl(name);
                assertThat(fingerprints("mariadb", copyUrl, TestServers.MARIADB_USER).sorted())
                        .isEqualTo(fingerprints("mariadb", source.url(), TestServers.MARIADB_USER).sorted())
                        .hasSize(2);
                assertThat(scalar(copyUrl, TestServers.MARIADB_USER, "SELECT COUNT(*) FROM information_schema"
                        + ".STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'big_label'")).isEqualTo(1);

                new ScratchCopyOperation(fixture.context()).undo(copy).revert();
                assertThat(TestServers.mariaDbHas(name)).isFalse();
            } finally {
                TestServers.dropMariaDb(name);
            }
        }
    }

    @Test
    public void shouldCopyALivePostgresDatabaseIntoMariaDb() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE big (id int PRIMARY KEY, label text NOT NULL, amount numeric(12,2),"
                    + " payload bytea, created timestamp)", PG_ROWS, "CREATE INDEX big_label ON big (label)");
            EngineFixture fixture = fixture(source, target);
            String name = "live_" + TestServers.uniqueName();
            try {
                new LiveCopyOperation(context(fixture, source, target))
                        .run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null));

                String copyUrl = TestServers.mariaDbUrl(name);
                assertThat(scalar(copyUrl, TestServers.MARIADB_USER, "SELECT COUNT(*) FROM big")).isEqualTo(20000);
                assertThat(text(copyUrl, TestServers.MARIADB_USER, "SELECT CONCAT(label, '|', amount, '|',"
                        + " HEX(payload), '|', DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s')) FROM big WHERE id = 777"))
                        .isEqualTo(text(source.url(), TestServers.PG_USER, "SELECT label || '|' || amount || '|'"
                                + " || upper(encode(payload, 'hex')) || '|' || to_char(created,"
                                + " 'YYYY-MM-DD HH24:MI:SS') FROM big WHERE id = 777"));
            } finally {
                TestServers.dropMariaDb(name);
            }
        }
    }

    @Test
    public void shouldCopyALiveMariaDbDatabaseIntoPostgres() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, amount DECIMAL(12,2))",
                    "INSERT INTO big SELECT seq, CONCAT('row ', seq), seq * 1.25 FROM seq_1_to_5000");
            EngineFixture fixture = fixture(source, target);
            String name = "live_" + TestServers.uniqueName();
            try {
                new LiveCopyOperation(context(fixture, source, target))
                        .run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null));

                String copyUrl = TestServers.postgresUrl(name);
                assertThat(scalar(copyUrl, TestServers.PG_USER, "SELECT count(*) FROM big")).isEqualTo(5000);
                assertThat(text(copyUrl, TestServers.PG_USER, "SELECT sum(amount)::text || '|' || max(label)"
                        + " FROM big")).isEqualTo(text(source.url(), TestServers.MARIADB_USER,
                                "SELECT CONCAT(SUM(amount), '|', MAX(label)) FROM big"));
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void shouldRefuseBeforeCreatingTheTargetWhatTheTargetEngineCannotHold() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY, price numeric(10,2))",
                    "INSERT INTO items VALUES (1, 5), (2, 50)",
                    "CREATE VIEW cheap AS SELECT id FROM items WHERE price < 10");
            EngineFixture fixture = fixture(source, target);
            String name = "live_" + TestServers.uniqueName();
            try {
                RunbookException refused = catchThrowableOfType(() -> new LiveCopyOperation(context(fixture, source,
                        target)).run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null)),
                        RunbookException.class);

                assertThat(refused).isNotNull();
                assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                assertThat(refused.getMessage()).contains("'dev/copy' (mariadb)", "cheap", "nothing was created");
                assertThat(refused.hint()).contains("allowPartial");
                assertThat(TestServers.mariaDbHas(name)).as("the target database was created").isFalse();
                assertThat(fixture.events).extracting(AuditEvent::operation).containsExactly("restore");
            } finally {
                TestServers.dropMariaDb(name);
            }
        }
    }

    @Test
    public void shouldRefuseBeforeCreatingTheTargetWhatTheJdbcMethodCannotCarry() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY, note text)",
                    "CREATE STATISTICS public.special_items ON id, note FROM items");
            EngineFixture fixture = fixture(source, source);
            String name = "live_" + TestServers.uniqueName();
            try {
                RunbookException refused = catchThrowableOfType(() -> new LiveCopyOperation(fixture.context())
                        .run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null)), RunbookException.class);

                assertThat(refused).isNotNull();
                assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                assertThat(refused.getMessage()).contains("special_items", "nothing was created");
                assertThat(TestServers.postgresHas(name)).as("the target database was created").isFalse();
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void shouldDropTheNewDatabaseWhenTheSourceFailsHalfWay() throws Exception {
        failHalfWay("Read ", "connection to the source lost");
    }

    @Test
    public void shouldDropTheNewDatabaseAndStopReadingWhenTheTargetFailsHalfWay() throws Exception {
        failHalfWay("Restored ", "the target refused a row");
    }

    private void failHalfWay(String when, String why) throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id int PRIMARY KEY, label text NOT NULL, amount numeric(12,2),"
                    + " payload bytea, created timestamp)", PG_ROWS,
                    "CREATE TABLE small (id int PRIMARY KEY)", "INSERT INTO small SELECT generate_series(1, 10)");
            EngineFixture fixture = fixture(source, source);
            String name = "live_" + TestServers.uniqueName();
            List<String> seen = new ArrayList<>();
            // One side breaks once the first table is read (or loaded) whole: the target exists by then.
            ProgressListener breaking = new ProgressListener() {
                @Override
                public void progress(Progress progress) {
                }

                @Override
                public synchronized void message(String message) {
                    seen.add(message);
                    if (message.startsWith(when)) {
                        assertThat(TestServers.postgresHas(name)).as("the target exists mid-copy").isTrue();
                        throw new IllegalStateException(why);
                    }
                }
            };
            try {
                IllegalStateException failed = catchThrowableOfType(() -> new LiveCopyOperation(
                        fixture.context().withListener(breaking))
                        .run(new LiveCopyRequest("dev", "copy", "qa", "orders", name, null)),
                        IllegalStateException.class);

                assertThat(failed).hasMessage(why);
                assertThat(seen).anyMatch(m -> m.startsWith("Copying 'qa/orders'"));
                assertThat(TestServers.postgresHas(name)).as("the half-made copy is left").isFalse();
                assertThat(notesLeft()).isEmpty();
                assertThat(fixture.events).extracting(AuditEvent::operation).containsExactly("restore-started",
                        "restore");
                assertThat(fixture.events.get(1).outcome().name()).isEqualTo("FAILURE");
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void shouldKeepACopyMadeForGoodWithoutLeavingItToTheNextRunToDrop() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items SELECT generate_series(1, 9)");
            EngineFixture fixture = fixture(source, source);
            String name = "live_" + TestServers.uniqueName();
            try {
                ScratchCopy copy = new ScratchCopyOperation(fixture.context()).keep(new ScratchCopyRequest("dev",
                        "copy", null, "qa", "orders", null, null, name, true));

                assertThat(copy.name()).isEqualTo(name);
                assertThat(scalar(TestServers.postgresUrl(name), TestServers.PG_USER, "SELECT count(*) FROM items"))
                        .isEqualTo(9);
                assertThat(notesLeft()).isEmpty();
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void shouldCopyLiveDatabasesIntoH2() throws Exception {
        DbCredential sa = DbCredential.of("sa", null);
        Path h2 = tmp.getRoot().toPath().resolve("h2").toAbsolutePath();
        String h2Source = "jdbc:h2:" + h2.resolve("source");
        try (Connection c = DriverManager.getConnection(h2Source, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))");
            s.execute("INSERT INTO items SELECT x, 'item ' || x FROM SYSTEM_RANGE(1, 1200)");
        }
        try (TestDatabase postgres = TestServers.newPostgresDatabase()) {
            postgres.execute("CREATE TABLE items (id int PRIMARY KEY, label text)",
                    "INSERT INTO items SELECT g, 'pg ' || g FROM generate_series(1, 700) g");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), sa)
                    .environment("qa", EngineFixture.database("orders", h2Source, MethodChoice.JDBC),
                            EngineFixture.database("pg", postgres.url(), MethodChoice.JDBC))
                    .environment("dev", new DatabaseTarget("copy", "jdbc:h2:" + h2.resolve("copy"),
                            MethodChoice.NATIVE, Map.of(Role.RESTORE, "restore"), false));
            RunbookContext base = fixture.context();
            RunbookContext context = new RunbookContext(base.config(), (env, db, role) -> db.name().equals("pg")
                    ? postgres.login() : sa, base.stores(), base.methods(), base.tools(), base.workDir(),
                    base.listener(), base.audit(), base.actor(), base.payload(), base.clock());

            RestoreResult fromH2 = new LiveCopyOperation(context)
                    .run(new LiveCopyRequest("dev", "copy", "qa", "orders", "from_h2", null));
            RestoreResult fromPostgres = new LiveCopyOperation(context)
                    .run(new LiveCopyRequest("dev", "copy", "qa", "pg", "from_pg", null));

            assertThat(text(fromH2.jdbcUrl(), "sa", "SELECT COUNT(*) || '|' || MAX(label) FROM items"))
                    .isEqualTo("1200|item 999");
            assertThat(text(fromPostgres.jdbcUrl(), "sa", "SELECT COUNT(*) || '|' || MAX(\"label\") FROM"
                    + " \"items\"")).isEqualTo("700|pg 99");
        }
    }

    private EngineFixture fixture(TestDatabase source, TestDatabase target) {
        return new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                .environment("dev", new DatabaseTarget("copy", target.url(), MethodChoice.NATIVE,
                        Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), false));
    }

    /** Each environment's own login: the source's server and the target's are of different engines. */
    private static RunbookContext context(EngineFixture fixture, TestDatabase source, TestDatabase target) {
        RunbookContext base = fixture.context();
        return new RunbookContext(base.config(), (env, db, role) -> "qa".equals(env.name()) ? source.login()
                : target.login(), base.stores(), base.methods(), base.tools(), base.workDir(), base.listener(),
                base.audit(), base.actor(), base.payload(), base.clock());
    }

    /** The notes of databases a run created for a while and has not dropped or kept yet. */
    private List<Path> notesLeft() throws IOException {
        Path work = tmp.getRoot().toPath().resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("dbrunbooks-db-")).toList();
        }
    }

    private static DataFingerprints fingerprints(String engine, String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            return Dialects.standard().all().stream().filter(d -> d.engine().equals(engine)).findFirst()
                    .orElseThrow().snapshot().fingerprinter().take(c);
        }
    }

    private static long scalar(String url, String user, String sql) throws SQLException {
        return Long.parseLong(text(url, user, sql));
    }

    private static String text(String url, String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
