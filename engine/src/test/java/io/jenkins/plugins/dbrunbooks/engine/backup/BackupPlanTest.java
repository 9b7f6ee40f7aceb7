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
                    "CREATE TABLE child (extra text) INHERITS (t)");
            EngineFixture fixture = fixture(database(db.url(), MethodChoice.JDBC, false));

            RunbookException refused = catchThrowableOfType(() -> backup(fixture), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("'qa/orders'", "text search configuration public.plain",
                    "inheriting table public.child", "nothing was written");
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
