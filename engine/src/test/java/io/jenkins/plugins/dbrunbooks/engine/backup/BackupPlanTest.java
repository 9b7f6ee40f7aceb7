package io.jenkins.plugins.dbrunbooks.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BackupPlanTest {
    /** A text search configuration, which the jdbc method does not carry. */
    private static final String UNCARRIED =
            "CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.english)";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRefuseAJdbcBackupNamingEveryObjectBeforeCreatingAFile() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", UNCARRIED,
                    "CREATE STATISTICS public.t_stats ON id, v FROM t");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.JDBC, false));

            RunbookException refused = catchThrowableOfType(() -> backup(fixture), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("'qa/orders'", "text search configuration public.plain",
                    "extended statistics public.t_stats", "nothing was written");
            assertThat(refused.hint()).contains("allowPartial");
            assertThat(files(fixture.backupRoot())).isEmpty();
        }
    }

    @Test
    public void shouldStoreAPartialBackupWhoseManifestNamesWhatItLeavesOutWhenTheDatabaseAcceptsIt()
            throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')", UNCARRIED);
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.JDBC, true));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().partial()).isTrue();
            assertThat(result.manifest().notCarried()).containsExactly("text search configuration public.plain");
            Manifest stored;
            try (InputStream in = Files.newInputStream(Path.of(result.manifestLocation()))) {
                stored = ManifestCodec.read(in, "manifest");
            }
            assertThat(stored.notCarried()).containsExactly("text search configuration public.plain");
            assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Partial backup ")
                    && m.contains("text search configuration public.plain"));
        }
    }

    @Test
    public void shouldWriteNoPartialFieldsIntoTheManifestOfACompleteBackup() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.JDBC, false));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().partial()).isFalse();
            assertThat(Files.readString(Path.of(result.manifestLocation()))).doesNotContain("notCarried", "warnings");
        }
    }

    @Test
    public void shouldLetAutoChooseNativeForPostgresAndSayWhy() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)", UNCARRIED);
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.AUTO, false));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().method()).isEqualTo("native");
            assertThat(fixture.listener.messages).contains(
                    "Method auto chose native for 'qa/orders': it carries every object exactly");
        }
    }

    /**
     * pg_restore runs with an empty search_path, where earthdistance's ll_to_earth (LANGUAGE sql, naming cube and
     * earth without their schema) fails when CREATE INDEX inlines it: native refuses before any file is created,
     * and auto takes jdbc, whose backup restores.
     */
    @Test
    public void shouldRefuseNativeWhereAnIndexCallsASqlFunctionNamingObjectsWithoutTheirSchema()
            throws IOException, SQLException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE EXTENSION cube", "CREATE EXTENSION earthdistance",
                    "CREATE TABLE t (id int PRIMARY KEY, lat float8, lon float8)",
                    "INSERT INTO t VALUES (1, 48.85, 2.35)",
                    "CREATE INDEX t_ll_to_earth_idx ON t USING gist (ll_to_earth(lat, lon))",
                    // Its body qualifies what it names: it restores, and calls ll_to_earth's through it.
                    "CREATE FUNCTION public.near(float8, float8) RETURNS float8 LANGUAGE sql IMMUTABLE"
                            + " AS 'SELECT public.cube_ll_coord(public.ll_to_earth($1, $2), 1)'",
                    "CREATE TABLE u (a float8, b float8, CONSTRAINT near_check CHECK (public.near(a, b) > -1e7))");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.NATIVE, false));

            RunbookException refused = catchThrowableOfType(() -> backup(fixture), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("index t_ll_to_earth_idx on public.t calls"
                    + " public.ll_to_earth(), whose body names cube and earth without their schema",
                    "check constraint near_check on public.u calls public.near(), which calls public.ll_to_earth()",
                    "nothing was written");
            assertThat(refused.hint()).contains("method: jdbc", "SET search_path");
            assertThat(files(fixture.backupRoot())).isEmpty();

            EngineFixture auto = fixture(database(db.url(), MethodChoice.AUTO, false));
            BackupResult result = backup(auto);
            assertThat(result.manifest().method()).isEqualTo("jdbc");
            assertThat(auto.listener.messages).anyMatch(m -> m.startsWith("Method auto chose jdbc for 'qa/orders'")
                    && m.contains("passed over native: ") && m.contains("public.ll_to_earth()"));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(auto.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                try (Connection c = DriverManager.getConnection(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "");
                        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_catalog.pg_indexes"
                                + " WHERE indexname = 't_ll_to_earth_idx'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /** SQL functions whose bodies name only pg_catalog's objects, or qualify the rest, restore under native. */
    @Test
    public void shouldKeepNativeForIndexesOnSqlFunctionsThatRestore() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE EXTENSION cube", "CREATE EXTENSION earthdistance",
                    "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1'",
                    "CREATE FUNCTION g(float8, float8) RETURNS public.earth LANGUAGE sql IMMUTABLE"
                            + " AS 'SELECT ll_to_earth($1, $2)'",
                    "ALTER FUNCTION g(float8, float8) SET search_path = public",
                    "CREATE FUNCTION h(float8, float8) RETURNS public.cube LANGUAGE sql IMMUTABLE"
                            + " AS 'SELECT public.cube(public.cube($1), $2)::public.cube /* earth(), ::earth */'",
                    "CREATE TABLE t (a int, s text, lat float8, lon float8, n int GENERATED ALWAYS AS (f(a)) STORED)",
                    "INSERT INTO t VALUES (1, 'A', 1, 2)", "CREATE INDEX ON t (f(a))", "CREATE INDEX ON t (lower(s))",
                    "CREATE INDEX ON t USING gist (g(lat, lon))", "CREATE INDEX ON t USING gist (h(lat, lon))",
                    // A plain default is not run on restore.
                    "CREATE TABLE v (id int, e public.earth DEFAULT ll_to_earth(0, 0))");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.AUTO, false));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().method()).isEqualTo("native");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldWarnThatMariaDbNativeRoundsFloatColumnsAndShowThatItDoes() throws SQLException {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE readings (id int PRIMARY KEY, f FLOAT, d DOUBLE)",
                    "INSERT INTO readings VALUES (1, 3.1415927, 3.141592653589793)");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.NATIVE, false));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().warnings()).singleElement().asString()
                    .contains("'readings.f'", "6 significant digits").doesNotContain("readings.d");
            assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Warning: ")
                    && m.contains("'readings.f'"));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(floatValue(TestServers.mariaDbUrl(copy))).isNotEqualTo(floatValue(db.url()));
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldLetAutoPreferJdbcForMariaDbFloatColumnsAndKeepThemExact() throws SQLException {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE readings (id int PRIMARY KEY, f FLOAT)",
                    "INSERT INTO readings VALUES (1, 3.1415927)");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.AUTO, false));

            BackupResult result = backup(fixture);

            assertThat(result.manifest().method()).isEqualTo("jdbc");
            assertThat(result.manifest().warnings()).isEmpty();
            assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Method auto chose jdbc for 'qa/orders'")
                    && m.contains("passed over native: mariadb-dump keeps 6 significant digits"));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(floatValue(TestServers.mariaDbUrl(copy))).isEqualTo(floatValue(db.url()));
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldLetAutoChooseNativeForMariaDbWithoutFloatColumns() {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE readings (id int PRIMARY KEY, d DOUBLE)");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.AUTO, false));

            assertThat(backup(fixture).manifest().method()).isEqualTo("native");
        }
    }

    /**
     * A view over a dropped column stops mariadb-dump, so native refuses the database outright; auto passes it over
     * for jdbc, which leaves the view out where the database accepts partial backups, and names both otherwise.
     */
    @Test
    public void shouldLetAutoPassOverAMethodThatRefusesTheDatabase() {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY, a int)", "INSERT INTO t VALUES (1, 2)",
                    "CREATE VIEW v AS SELECT id, a FROM t", "ALTER TABLE t DROP COLUMN a");

            RunbookException refused = catchThrowableOfType(() -> backup(fixture(database(db.url(), MethodChoice.AUTO,
                    false))), RunbookException.class);
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("native: ", "jdbc: it cannot carry", "nothing was written");

            EngineFixture partial = fixture(database(db.url(), MethodChoice.AUTO, true));
            BackupResult result = backup(partial);
            assertThat(result.manifest().method()).isEqualTo("jdbc");
            assertThat(result.manifest().notCarried()).singleElement().asString().contains("v");
            assertThat(partial.listener.messages).anyMatch(m -> m.startsWith("Method auto chose jdbc for 'qa/orders':"
                    + " the database accepts partial backups") && m.contains("passed over native: "));
        }
    }

    private EngineFixture fixture(DatabaseTarget database) {
        return new EngineFixture(tmp.getRoot().toPath(), database.jdbcUrl().startsWith("jdbc:mariadb")
                ? TestServers.mariaDbLogin() : TestServers.postgresLogin()).environment("qa", database);
    }

    private static DatabaseTarget database(String url, MethodChoice method, boolean allowPartial) {
        return new DatabaseTarget("orders", url, method,
                Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"), allowPartial);
    }

    private static BackupResult backup(EngineFixture fixture) {
        return new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    /** The stored single-precision value, exactly as the server holds it. */
    private static double floatValue(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestServers.MARIADB_USER, "");
                ResultSet rs = c.createStatement().executeQuery("SELECT CAST(f AS DOUBLE) FROM readings")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
