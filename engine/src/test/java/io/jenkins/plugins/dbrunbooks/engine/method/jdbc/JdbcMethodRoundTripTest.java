package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSampleData;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JdbcMethodRoundTripTest {
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture(TestDatabase source, String... targets) {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
        for (int i = 0; i < targets.length; i++) {
            fixture.environment("dev" + i, EngineFixture.database("copy", targets[i], MethodChoice.NATIVE));
        }
        return fixture;
    }

    /** Adds environment {@code name} whose database {@code copy} at {@code url} accepts partial copies. */
    private static void acceptingPartialCopies(EngineFixture fixture, String name, String url) {
        fixture.environment(name, new DatabaseTarget("copy", url, MethodChoice.NATIVE, Map.of(Role.RESTORE, "restore"),
                true));
    }

    private static BackupResult backup(EngineFixture fixture) {
        return new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    private String h2Url(String name) {
        return "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2").resolve(name).toAbsolutePath();
    }

    @Test
    public void shouldCopyPostgresIntoANewPostgresDatabaseRowForRow() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            PostgresSampleData.load(source);
            source.execute("CREATE FUNCTION public.answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", new DatabaseTarget("orders", source.url(), MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), true));
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().method()).isEqualTo("jdbc");
            assertThat(backup.manifest().rowCounts()).containsEntry("inventory.items", 2000L)
                    .containsEntry("Sales Ops.Order Lines", 3L);
            assertThat(backup.manifest().notCarried()).isEmpty();
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(PostgresSnapshot.tableChecksums(copy)).isEqualTo(PostgresSnapshot.tableChecksums(
                        source.name()));
                assertThat(columns(TestServers.postgresUrl(copy), TestServers.PG_USER))
                        .isEqualTo(columns(source.url(), TestServers.PG_USER));
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "SELECT public.answer()")).containsExactly("42");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldCopyValuesThatNeedEscapingIntoPostgresUnchanged() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TYPE mood AS ENUM ('sad', 'o''k', 'happy')",
                    "CREATE TABLE odd (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t text, vc varchar(40),"
                            + " b bytea, big bytea, tags text[], nums int[], blobs bytea[], flags boolean[],"
                            + " moments timestamptz[], d date, ts timestamp, tz timestamptz, tm time, f real,"
                            + " g double precision, n numeric, m mood, iv interval, u uuid, j json, jb jsonb)",
                    "INSERT INTO odd (t, vc, b, big, tags, nums, blobs, flags, moments, d, ts, tz, tm, f, g, n, m,"
                            + " iv, u, j, jb) OVERRIDING SYSTEM VALUE VALUES"
                            + " (E'back\\\\slash\\ttab\\nnew\\rret \\\\N \\\\\\\\x', '\\N', '\\x00ff5c0a09',"
                            + " decode(repeat('5c0a09ff', 400000), 'hex'),"
                            + " ARRAY['a,b', '{c}', 'q\"uote', 'b\\s', 'NULL', NULL, '', ' sp ', E'tab\there'],"
                            + " '{1,NULL,-3}', ARRAY['\\x5c22'::bytea, NULL], '{t,f,NULL}',"
                            + " ARRAY['2020-02-29 23:59:59.999999+05:45'::timestamptz, NULL, '1900-01-01 00:00:00+00'],"
                            + " '0044-03-15 BC', '0001-01-01 00:00:00 BC', '2024-03-31 02:30:00.123456+14',"
                            + " '24:00:00', 'NaN', '-Infinity', '-0.000000000000000000123400', 'o''k', '1 year 2 mons"
                            + " -3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                            + " '{\"k\": \"v\\\\t\\u00e9\"}', '{\"a\": [1, 2.50, null]}'),"
                            + " (NULL, 'Grüße 🎉 日本語', '\\x', NULL, '{}', '{}', '{}', '{}', '{}', 'infinity',"
                            + " '-infinity', 'infinity', '00:00:00', 1.5e-30, 1e308, '123456789012345678901234567890.000100', NULL, NULL, NULL, NULL,"
                            + " NULL)",
                    "INSERT INTO odd (t, big) SELECT repeat(E'x\\\\\\t\\n', 300000), NULL",
                    // Carried in binary COPY form: NaN, infinities, also inside arrays.
                    "CREATE TABLE specials (id int PRIMARY KEY, n numeric, ns numeric[], moments timestamptz[],"
                            + " days date[], stamps timestamp[])",
                    "INSERT INTO specials VALUES (1, 'NaN', '{NaN,Infinity,-Infinity,-1.50}',"
                            + " ARRAY['infinity', '-infinity', NULL, '2000-01-01 00:00:00+01']::timestamptz[],"
                            + " ARRAY['infinity', '-infinity']::date[], ARRAY['infinity', '-infinity']::timestamp[]),"
                            + " (2, 'Infinity', NULL, NULL, NULL, NULL), (3, '-Infinity', '{}', '{}', '{}', '{}')",
                    // Carried in the row encoding (a point has no binary form in the format, an enum array's
                    // carries the enum's oid): the same values there.
                    "CREATE TABLE mixed (id int PRIMARY KEY, p point, moods mood[], n numeric,"
                            + " moments timestamptz[], days date[], stamps timestamp[])",
                    "INSERT INTO mixed VALUES (1, '(1,2)', '{sad,o''k}', 'NaN',"
                            + " ARRAY['infinity', '-infinity', NULL, '2000-01-01 00:00:00+01']::timestamptz[],"
                            + " ARRAY['infinity', '-infinity']::date[], ARRAY['infinity', '-infinity']::timestamp[]),"
                            + " (2, NULL, NULL, '-Infinity', NULL, NULL, NULL), (3, '(0,0)', '{}', 'Infinity', '{}',"
                            + " '{}', '{}')");
            EngineFixture fixture = fixture(source);
            backup(fixture);
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(PostgresSnapshot.tableChecksums(copy)).isEqualTo(PostgresSnapshot.tableChecksums(
                        source.name()));
                assertThat(query(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "SELECT count(*), max(length(big)), max(length(t)) FROM odd", 3))
                        .containsExactly("3", "1600000", "1200000");
                for (String table : List.of("specials", "mixed")) {
                    assertThat(query(TestServers.postgresUrl(copy), TestServers.PG_USER,
                            "SELECT n::text, moments::text, days::text FROM " + table + " WHERE id = 1", 3))
                            .containsExactly("NaN", "{infinity,-infinity,NULL,\"1999-12-31 23:00:00+00\"}",
                                    "{infinity,-infinity}");
                }
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldStillRestoreVersion1Snapshots() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            PostgresSampleData.load(source);
            java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
            new SnapshotBackup(new PostgresSnapshotDialect()).run(context(source), v1);
            assertThat(v1.toByteArray()[5]).isEqualTo((byte) 1);
            JdbcMethods.postgres().restore(context(target), io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource
                    .of(new java.io.ByteArrayInputStream(v1.toByteArray())),
                    io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions.defaults());
            assertThat(PostgresSnapshot.tableChecksums(target.name()))
                    .isEqualTo(PostgresSnapshot.tableChecksums(source.name()));
        }
    }

    private io.jenkins.plugins.dbrunbooks.engine.method.MethodContext context(TestDatabase db) {
        return new io.jenkins.plugins.dbrunbooks.engine.method.MethodContext(db.url(), db.login(), null,
                tmp.getRoot().toPath().resolve("work"),
                io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener.NONE);
    }

    @Test
    public void shouldCopyMariaDbIntoANewMariaDbDatabaseWithEqualChecksums() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            loadMariaDbSample(source);
            EngineFixture fixture = fixture(source);
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().rowCounts()).containsEntry("items", 1000L);
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                for (String table : List.of("items", "`Odd Name`")) {
                    // CHECKSUM TABLE answers the qualified name and the checksum; the names differ by database.
                    assertThat(query(TestServers.mariaDbUrl(copy), TestServers.MARIADB_USER,
                            "CHECKSUM TABLE " + table, 2).get(1)).isEqualTo(query(source.url(),
                            TestServers.MARIADB_USER, "CHECKSUM TABLE " + table, 2).get(1)).isNotNull();
                }
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldCopyH2IntoH2() {
        String url = h2Url("source");
        TestDatabase source = new TestDatabase("source", url, H2_LOGIN, () -> { });
        source.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders (id INT PRIMARY KEY, note VARCHAR(100),"
                + " body CLOB, data BLOB, amount DECIMAL(38,18), at TIMESTAMP WITH TIME ZONE, d DATE)",
                "INSERT INTO sales.orders SELECT x, 'Grüße 🎉 ' || x, REPEAT('text ', x), X'00FF',"
                        + " 12345678901234567890.123456789012345678, TIMESTAMP WITH TIME ZONE"
                        + " '2024-03-31 02:30:00+02:00', DATE '1999-12-31' FROM SYSTEM_RANGE(1, 500)",
                "INSERT INTO sales.orders (id) VALUES (0)");
        EngineFixture fixture = fixture(source, h2Url("target"));
        backup(fixture);
        new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev0", "copy").from("qa", "orders"));
        String sums = "SELECT COUNT(*), SUM(LENGTH(body)), MAX(note), MIN(amount), MAX(at), COUNT(data), MAX(d)"
                + " FROM sales.orders";
        assertThat(query(h2Url("target"), "sa", sums, 7)).isEqualTo(query(url, "sa", sums, 7));
    }

    @Test
    public void shouldCopyPostgresIntoH2() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            loadPortableSample(source);
            EngineFixture fixture = fixture(source, h2Url("target"));
            backup(fixture);
            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev0", "copy").from("qa", "orders"));
            // Names keep their case across engines: PostgreSQL's lower-case names are quoted in H2.
            assertThat(query(h2Url("target"), "sa", "SELECT COUNT(*), MAX(\"name\"), SUM(\"price\"), MIN(\"id\")"
                    + " FROM \"shop\".\"items\"", 4)).containsExactly("300", "item 99", "56437.50", "1");
            assertThat(query(h2Url("target"), "sa",
                    "SELECT \"name\", \"flag\", \"note\" FROM \"shop\".\"items\" WHERE \"id\" = 7", 3))
                    .containsExactly("item 7", "FALSE", "Grüße 🎉");
        }
    }

    @Test
    public void shouldCopyMariaDbIntoH2() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            loadMariaDbSample(source);
            EngineFixture fixture = fixture(source, h2Url("target"));
            backup(fixture);
            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev0", "copy").from("qa", "orders"));
            // Where a MariaDB database's tables land in H2 is the DDL writer's choice; find them.
            List<String> where = query(h2Url("target"), "sa", "SELECT TABLE_SCHEMA, TABLE_NAME FROM"
                    + " INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'ITEMS'", 2);
            assertThat(query(h2Url("target"), "sa", "SELECT COUNT(*), MAX(\"name\") FROM \"" + where.get(0)
                    + "\".\"" + where.get(1) + "\"", 2)).containsExactly("1000", "item 999");
        }
    }

    /**
     * A SET column (MySQL's sakila sample has one) holds its labels joined by commas: another engine holds that
     * text, in a CHARACTER VARYING as long as all the labels together.
     */
    @Test
    public void shouldCopyAMariaDbSetColumnIntoPostgresAndH2AsItsText() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE films (id INT PRIMARY KEY,"
                            + " features SET('Trailers','Deleted Scenes','it''s') DEFAULT 'Trailers', KEY (features))",
                    "INSERT INTO films VALUES (1, 'it''s,Trailers,Deleted Scenes'), (2, ''), (3, NULL)",
                    "INSERT INTO films (id) VALUES (4)");
            EngineFixture fixture = fixture(source, target.url(), h2Url("target"));
            backup(fixture);
            String rows = "SELECT id, COALESCE(features, 'null') FROM films ORDER BY id";
            List<String> expected = List.of("1", "Trailers,Deleted Scenes,it's", "2", "", "3", "null", "4",
                    "Trailers");
            assertThat(query(source.url(), TestServers.MARIADB_USER, rows, 2)).isEqualTo(expected);

            fixture.login(target.login());
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev0", "copy").from("qa", "orders"));
            assertThat(query(target.url(), TestServers.PG_USER, rows, 2)).isEqualTo(expected);
            assertThat(query(target.url(), TestServers.PG_USER, "SELECT format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid = 'films'::regclass AND attname = 'features'", 1))
                    .containsExactly("character varying(28)");

            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev1", "copy").from("qa", "orders"));
            List<String> where = query(h2Url("target"), "sa", "SELECT TABLE_SCHEMA FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME = 'films'", 1);
            assertThat(query(h2Url("target"), "sa", "SELECT \"id\", COALESCE(\"features\", 'null') FROM \""
                    + where.get(0) + "\".\"films\" ORDER BY 1", 2)).isEqualTo(expected);
            assertThat(query(h2Url("target"), "sa", "SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM"
                    + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'films' AND COLUMN_NAME = 'features'", 2))
                    .containsExactly("CHARACTER VARYING", "28");
        }
    }

    @Test
    public void shouldCopyPostgresCommonTypesIntoMariaDb() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            loadPortableSample(source);
            backupAndRestore(source, target);
            assertThat(countAnywhere(target.url(), TestServers.MARIADB_USER, "items")).isEqualTo(300);
        }
    }

    /**
     * PostgreSQL compares text by its bytes: values that differ only in case are different keys there, and enum
     * labels too. MariaDB's default collations would take them for one.
     */
    @Test
    public void shouldKeepPostgresTextKeysThatDifferOnlyInCaseApartInMariaDb() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TYPE level AS ENUM ('low', 'LOW', 'high')",
                    "CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, code char(3) UNIQUE,"
                            + " nick varchar(20) UNIQUE, lvl level)",
                    "CREATE TABLE logins (email text REFERENCES users (email), at int)",
                    "INSERT INTO users VALUES (1, 'ann@example.org', 'ab', 'Zed', 'low'),"
                            + " (2, 'Ann@example.org', 'AB', 'zed', 'LOW'), (3, 'ANN@EXAMPLE.ORG', 'aB', 'ZED', 'high')",
                    "INSERT INTO logins VALUES ('Ann@example.org', 1)");
            backupAndRestore(source, target);
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT id, lvl FROM users"
                    + " WHERE email = 'Ann@example.org' AND code = 'AB' AND nick = 'zed'", 2))
                    .containsExactly("2", "LOW");
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT u.id FROM logins l"
                    + " JOIN users u ON u.email = l.email", 1)).containsExactly("2");
        }
    }

    /**
     * Wide PostgreSQL tables that MariaDB's row limits refuse as they are: 70 varchar(255) columns are more than the
     * 65,535 bytes MariaDB counts them at (4 a character), and 200 varchar(20) more than InnoDB's half page.
     */
    @Test
    public void shouldRestoreWidePostgresTablesIntoMariaDb() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            StringBuilder wide = new StringBuilder("CREATE TABLE wide (id int PRIMARY KEY, code varchar(255) UNIQUE");
            StringBuilder narrow = new StringBuilder("CREATE TABLE many (id int PRIMARY KEY");
            for (int i = 1; i <= 70; i++) {
                wide.append(", c").append(i).append(" varchar(255)");
            }
            for (int i = 1; i <= 200; i++) {
                narrow.append(", n").append(i).append(" varchar(20)");
            }
            source.execute(wide + ")", narrow + ")",
                    "INSERT INTO wide (id, code, c1, c70) VALUES (1, 'a', repeat('é', 255), 'last'), (2, 'b', NULL, 'x')",
                    "INSERT INTO many (id, n1, n200) VALUES (1, repeat('z', 20), 'end')");
            backupAndRestore(source, target);
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT CHAR_LENGTH(c1), c70 FROM wide"
                    + " ORDER BY id", 2)).containsExactly("255", "last", null, "x");
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT n1, n200 FROM many", 2))
                    .containsExactly("zzzzzzzzzzzzzzzzzzzz", "end");
            // The columns that became TEXT keep their length as a check; the key's column stays a VARCHAR.
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT DATA_TYPE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'wide' AND COLUMN_NAME = 'code'", 1))
                    .containsExactly("varchar");
            assertThatThrownBy(() -> query(target.url(), TestServers.MARIADB_USER, "INSERT INTO wide (id, code, c1)"
                    + " VALUES (3, 'c', REPEAT('x', 256))", 0)).hasMessageContaining("CONSTRAINT");
            assertThat(query(target.url(), TestServers.MARIADB_USER, "SELECT COUNT(*) FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'wide' AND DATA_TYPE = 'text'", 1).get(0))
                    .isNotEqualTo("0");
        }
    }

    @Test
    public void shouldKeepTheRowsOfTheMomentTheBackupBeganAcrossParallelWorkers() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE a_big (id int PRIMARY KEY, pad text)",
                    "INSERT INTO a_big SELECT i, repeat('x', 200) FROM generate_series(1, 300000) i",
                    "CREATE TABLE m_mid (id int)", "INSERT INTO m_mid SELECT generate_series(1, 1000)",
                    "CREATE TABLE z_small (id int)", "INSERT INTO z_small SELECT generate_series(1, 10)",
                    "ANALYZE");
            EngineFixture fixture = fixture(source);
            CompletableFuture<BackupResult> running;
            // A transaction holding a_big makes the worker that copies it wait, with the snapshot taken: what
            // commits meanwhile, there and in the tables the other worker copies, is after the backup's moment.
            try (Connection lock = source.connect(); Statement s = lock.createStatement()) {
                lock.setAutoCommit(false);
                s.execute("LOCK TABLE a_big IN ACCESS EXCLUSIVE MODE");
                running = CompletableFuture.supplyAsync(() -> backup(fixture));
                waitForCopyWaitingOnLock(source, running, "a_big");
                source.execute("INSERT INTO z_small SELECT generate_series(11, 20)", "DELETE FROM m_mid",
                        "INSERT INTO m_mid VALUES (-1)");
                s.execute("INSERT INTO a_big VALUES (0, 'late')");
                lock.commit();
            }
            BackupResult backup = running.get();
            assertThat(backup.manifest().rowCounts()).containsEntry("public.z_small", 10L)
                    .containsEntry("public.m_mid", 1000L).containsEntry("public.a_big", 300000L);
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(query(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "SELECT (SELECT count(*) FROM z_small), (SELECT count(*) FROM m_mid),"
                                + " (SELECT count(*) FROM a_big WHERE pad = 'late')", 3))
                        .containsExactly("10", "1000", "0");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRefuseATruncatedPayloadBeforeTouchingTheTarget() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            loadPortableSample(source);
            EngineFixture fixture = fixture(source);
            backup(fixture);
            Path payload;
            try (Stream<Path> files = Files.walk(fixture.backupRoot())) {
                payload = files.filter(p -> p.getFileName().toString().contains(".dbrj")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(payload);
            Files.write(payload, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            String copy = source.name() + "_copy";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("qa", "orders").intoNew(copy)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isIn(ErrorKind.INTEGRITY, ErrorKind.STORAGE));
            assertThat(query(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                    "SELECT count(*) FROM pg_database WHERE datname = '" + copy + "'", 1)).containsExactly("0");
        }
    }

    @Test
    public void shouldRefuseArraysIntoMariaDbUnlessTheTargetAcceptsPartialCopiesAndCreateNoDatabase() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE tagged (id int PRIMARY KEY, tags text[])",
                    "INSERT INTO tagged VALUES (1, ARRAY['a','b'])");
            EngineFixture fixture = fixture(source, target.url());
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("column public.tagged.tags of type text[], restored as a JSON array");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
        }
    }

    /**
     * Values PostgreSQL tells apart and MariaDB's default collation does not: the unique key fails once the rows
     * are in, the new database goes, and the hint says what to do rather than pointing at the error above it.
     */
    @Test
    public void shouldSayWhatToDoWhenTheOtherEngineRefusesWhatWasTranslated() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            // Different in PostgreSQL, one value to MariaDB's collations, which ignore trailing spaces.
            source.execute("CREATE TABLE tags (id int PRIMARY KEY, name varchar(20) UNIQUE)",
                    "INSERT INTO tags VALUES (1, 'a'), (2, 'a ')");
            EngineFixture fixture = fixture(source, target.url());
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
                        assertThat(e.hint()).contains("refused what was translated from postgresql",
                                "Restore this backup into a postgresql database");
                    })
                    .hasMessageContaining("Duplicate entry");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
        }
    }

    /**
     * A key PostgreSQL takes between an integer and a smallint, which InnoDB refuses: the restore is refused before
     * a database is created, or with allowPartial loads the rows without it and names it.
     */
    @Test
    public void shouldRefuseAForeignKeyInnoDbCannotJoinBeforeCreatingTheDatabase() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE d (id int PRIMARY KEY)", "CREATE TABLE h (d smallint REFERENCES d)",
                    "INSERT INTO d VALUES (1), (2)", "INSERT INTO h VALUES (1), (2), (NULL)");
            EngineFixture fixture = fixture(source, target.url());
            acceptingPartialCopies(fixture, "partial", target.url());
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("foreign key h_d_fkey of public.h (d) referencing public.d (id)")
                    .hasMessageContaining("nothing was touched");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
            try {
                List<String> leftOut = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("partial", "copy").from("qa", "orders").intoNew(fresh)).leftOut();
                assertThat(leftOut).anyMatch(n -> n.startsWith("foreign key h_d_fkey"));
                assertThat(query(TestServers.mariaDbUrl(fresh), TestServers.MARIADB_USER,
                        "SELECT count(*), count(d) FROM h", 2)).containsExactly("3", "2");
            } finally {
                TestServers.dropMariaDb(fresh);
            }
        }
    }

    /**
     * Tables that inherit, as sakila's payments do for PostgreSQL: MariaDB has no inheritance, so the link is named
     * and the restore refused before a database is created; with allowPartial each table comes as one of its own
     * with its own rows, a parent's not counted again with its children's, and the children's ids from the parent's
     * sequence.
     */
    @Test
    public void shouldNameTheLinksOfInheritingTablesIntoMariaDbAndLoadEachTablesOwnRows() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE payment (id serial PRIMARY KEY, amount numeric(7,2) NOT NULL)",
                    "CREATE TABLE payment_2007 (CHECK (amount > 0)) INHERITS (payment)",
                    "INSERT INTO payment (amount) VALUES (1), (2)", "INSERT INTO payment_2007 (amount) VALUES (3)");
            EngineFixture fixture = fixture(source, target.url());
            acceptingPartialCopies(fixture, "partial", target.url());
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)))
                    .hasMessageContaining("inheritance public.payment_2007");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
            try {
                List<String> leftOut = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("partial", "copy").from("qa", "orders").intoNew(fresh)).leftOut();
                assertThat(leftOut).anyMatch(n -> n.contains("inheritance public.payment_2007"));
                assertThat(query(TestServers.mariaDbUrl(fresh), TestServers.MARIADB_USER,
                        "SELECT (SELECT group_concat(id ORDER BY id) FROM payment),"
                                + " (SELECT group_concat(id ORDER BY id) FROM payment_2007)", 2))
                        .containsExactly("1,2", "3");
            } finally {
                TestServers.dropMariaDb(fresh);
            }
        }
    }

    /**
     * Columns of types MariaDB and H2 have no equivalent for, as pagila's film has (a tsvector kept by a trigger, a
     * text[] of features): named, so a target that does not accept partial copies refuses them before a database is
     * created; one that does holds each value as PostgreSQL writes it, and MariaDB each array as a JSON array (H2
     * keeps arrays as arrays). A column of a key stays refused: no key could be built on text of any length.
     */
    @Test
    public void shouldCarryPostgresValuesWithNoEquivalentAsTextWhereTheTargetAcceptsPartialCopies() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE film (id int PRIMARY KEY, title text, tsv tsvector, features text[],"
                            + " grid int[], at timestamp[], bytes bytea[], span interval, seats int4range, spot point)",
                    "CREATE INDEX film_tsv ON film USING gin (tsv)",
                    "INSERT INTO film VALUES (1, 'Academy Dinosaur', to_tsvector('english', 'An epic drama of a"
                            + " feminist'), ARRAY['Deleted Scenes', 'Behind \"the\" Scenes', NULL, 'back\\slash'],"
                            + " '{1,NULL,3}', ARRAY[TIMESTAMP '2024-02-29 10:00:00.5'], ARRAY['\\x00ff'::bytea],"
                            + " '1 day 02:03:04', '[1,10)', '(1.5,2)'),"
                            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            EngineFixture fixture = fixture(source, target.url(), h2Url("strict"));
            acceptingPartialCopies(fixture, "partial", target.url());
            acceptingPartialCopies(fixture, "partialh2", h2Url("partial"));
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)))
                    .hasMessageContainingAll("column public.film.tsv of type tsvector, restored as its text",
                            "column public.film.features of type text[], restored as a JSON array in text");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
            List<String> asPostgresWrites = query(source.url(), TestServers.PG_USER,
                    "SELECT tsv::text, span::text, seats::text, spot::text FROM film WHERE id = 1", 4);
            try {
                new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("partial", "copy").from("qa", "orders").intoNew(fresh));
                String url = TestServers.mariaDbUrl(fresh);
                assertThat(query(url, TestServers.MARIADB_USER, "SELECT tsv, span, seats, spot FROM film WHERE id = 1",
                        4)).isEqualTo(asPostgresWrites);
                assertThat(query(url, TestServers.MARIADB_USER, "SELECT features, grid, at, bytes,"
                        + " JSON_VALID(features) + JSON_VALID(grid) + JSON_VALID(at) + JSON_VALID(bytes) FROM film"
                        + " WHERE id = 1", 5)).containsExactly(
                                "[\"Deleted Scenes\",\"Behind \\\"the\\\" Scenes\",null,\"back\\\\slash\"]",
                                "[1,null,3]", "[\"2024-02-29T10:00:00.500\"]", "[\"\\\\x00ff\"]", "4");
                assertThat(query(url, TestServers.MARIADB_USER, "SELECT count(*), count(tsv) FROM film", 2))
                        .containsExactly("2", "1");
            } finally {
                TestServers.dropMariaDb(fresh);
            }
            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("partialh2", "copy").from("qa", "orders").withSafetyBackup(false));
            assertThat(query(h2Url("partial"), "sa", "SELECT \"tsv\", \"span\", CARDINALITY(\"features\")"
                    + " FROM PUBLIC.\"film\" WHERE \"id\" = 1", 3))
                    .containsExactly(asPostgresWrites.get(0), asPostgresWrites.get(1), "4");
        }
    }

    /**
     * PostgreSQL's citext, the usual type of an email column with a unique key: MariaDB holds it in a
     * case-insensitive collation and H2 in its VARCHAR_IGNORECASE, key and all, so a lookup in any case finds the
     * row, as in PostgreSQL; nothing is left out.
     */
    @Test
    public void shouldCarryPostgresCitextKeysIntoMariaDbAndH2ComparingWithoutCase() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE EXTENSION IF NOT EXISTS citext",
                    "CREATE TABLE account (id int PRIMARY KEY, email citext NOT NULL UNIQUE, note citext)",
                    "INSERT INTO account VALUES (1, 'Ann@Example.org', 'Mixed Case'), (2, 'bob@example.org', NULL)");
            EngineFixture fixture = fixture(source, target.url(), h2Url("target"));
            backup(fixture);
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            try {
                assertThat(new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").intoNew(fresh)).leftOut()).isEmpty();
                assertThat(query(TestServers.mariaDbUrl(fresh), TestServers.MARIADB_USER,
                        "SELECT id, email, note FROM account WHERE email = 'ANN@example.ORG'", 3))
                        .containsExactly("1", "Ann@Example.org", "Mixed Case");
                assertThatThrownBy(() -> TestServers.execute(TestServers.mariaDbUrl(fresh), TestServers.MARIADB_USER,
                        "INSERT INTO account VALUES (3, 'BOB@example.org', NULL)")).hasMessageContaining("Duplicate");
            } finally {
                TestServers.dropMariaDb(fresh);
            }
            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev1", "copy").from("qa", "orders").withSafetyBackup(false));
            assertThat(query(h2Url("target"), "sa", "SELECT \"id\" FROM PUBLIC.\"account\""
                    + " WHERE \"email\" = 'bob@EXAMPLE.org'", 1)).containsExactly("2");
        }
    }

    @Test
    public void shouldStillRefuseAPostgresColumnWithNoEquivalentThatAKeyHolds() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE slot (during int4range PRIMARY KEY)", "INSERT INTO slot VALUES ('[1,2)')");
            EngineFixture fixture = fixture(source);
            acceptingPartialCopies(fixture, "partial", target.url());
            backup(fixture);
            fixture.login(target.login());
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("partial", "copy").from("qa", "orders").intoNew(target.name() + "_new")))
                    .hasMessageContaining("column 'public.slot.during' of type 'int4range' (OTHER) has no equivalent");
        }
    }

    @Test
    public void shouldRefusePostgresInfinitiesIntoH2AndMariaDbNamingTheColumn() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            // As MediaWiki's page.page_links_updated may hold: H2 kept a far date, MariaDB's loader failed unnamed.
            // (A backup taken before such columns were recorded stops at them as it loads: see
            // PostgresOnlyValuesRestoreTest.)
            source.execute("CREATE TABLE page (id int PRIMARY KEY, links_updated timestamptz, born date)",
                    "INSERT INTO page VALUES (1, '2024-01-01 00:00:00+00', '2000-01-01'), (2, 'infinity', NULL)",
                    "CREATE TABLE since (id int PRIMARY KEY, day date)", "INSERT INTO since VALUES (1, '-infinity')");
            EngineFixture fixture = fixture(source, h2Url("target"), target.url());
            backup(fixture);
            // The backup found them as it read the rows: both restores are refused before the target is touched.
            fixture.login(H2_LOGIN);
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false)))
                    .hasMessageContainingAll("'dev0/copy' (h2)", "column links_updated of public.page holds dates or"
                            + " timestamps of infinity or -infinity", "column day of public.since",
                            "nothing was touched")
                    .hasMessageNotContaining("born");
            fixture.login(target.login());
            String fresh = target.name() + "_new";
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev1", "copy").from("qa", "orders").intoNew(fresh)))
                    .hasMessageContainingAll("'dev1/copy' (mariadb)", "column links_updated of public.page",
                            "column day of public.since", "nothing was touched");
            assertThat(TestServers.mariaDbHas(fresh)).as("the new database was created").isFalse();
        }
    }

    private static void loadPortableSample(TestDatabase db) {
        db.execute("CREATE SCHEMA shop", "CREATE TABLE shop.items (id int PRIMARY KEY, name varchar(50) NOT NULL,"
                + " price numeric(12,2), flag boolean, note text, born date, at timestamp)",
                "INSERT INTO shop.items SELECT i, 'item ' || i, i * 1.25, i % 7 = 0 AND i <> 7,"
                        + " CASE WHEN i = 7 THEN 'Grüße 🎉' END, DATE '2000-01-01' + i,"
                        + " TIMESTAMP '2024-01-01 12:00:00' + i * INTERVAL '1 minute' FROM generate_series(1, 300) i");
    }

    private static void loadMariaDbSample(TestDatabase db) {
        db.execute("CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL,"
                + " price DECIMAL(38,18), body LONGTEXT, data LONGBLOB, at DATETIME(6), day DATE, ok TINYINT(1))",
                "INSERT INTO items (name, price, body, data, at, day, ok) SELECT CONCAT('item ', seq),"
                        + " seq / 7, IF(seq = 5, REPEAT('ü', 100000), NULL), IF(seq % 2 = 0, UNHEX('00FF'), NULL),"
                        + " '2024-03-31 02:30:00.123456', '1999-12-31', seq % 2 FROM seq_1_to_1000",
                "CREATE TABLE `Odd Name` (`select` INT, `Grüße` VARCHAR(20))",
                "INSERT INTO `Odd Name` VALUES (1, '日本語'), (NULL, NULL)");
    }

    /**
     * Waits until a connection of the backup waits for a lock on {@code table} (its COPY, or before it the
     * measuring of the table); fails if the backup ends first.
     */
    private static void waitForCopyWaitingOnLock(TestDatabase db, CompletableFuture<?> backup, String table)
            throws Exception {
        Eventually.until("the backup's read of " + table + " to wait for a lock", () -> !query(db.url(),
                TestServers.PG_USER, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE a.application_name = 'dbrunbooks' AND NOT l.granted"
                        + " AND l.relation = '" + table + "'::regclass", 1).get(0).equals("0"),
                () -> {
                    if (!backup.isDone()) {
                        return null;
                    }
                    backup.get();
                    return "the backup ended first";
                });
    }

    private static Map<String, List<String>> columns(String url, String user) {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user, "");
                ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (!schema.equals("pg_catalog") && !schema.equals("information_schema")) {
                    columns.computeIfAbsent(schema + "." + rs.getString("TABLE_NAME"), k -> new ArrayList<>())
                            .add(rs.getString("COLUMN_NAME"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }

    /** Backs {@code source} up with jdbc and restores the backup over {@code target}, without a safety backup. */
    private void backupAndRestore(TestDatabase source, TestDatabase target) {
        EngineFixture fixture = fixture(source, target.url());
        backup(fixture);
        fixture.login(target.login());
        new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev0", "copy").from("qa", "orders")
                .withSafetyBackup(false));
    }

    private static long countAnywhere(String url, String user, String table) {
        return Long.parseLong(query(url, user, "SELECT count(*) FROM " + table, 1).get(0));
    }

    private static List<String> query(String url, String user, String sql, int width) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    values.add(rs.getString(i));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }
}
