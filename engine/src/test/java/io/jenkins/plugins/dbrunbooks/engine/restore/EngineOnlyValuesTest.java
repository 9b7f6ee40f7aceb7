package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A MariaDB jdbc backup records the columns whose rows hold values only MariaDB stores (a date with a zero month or
 * day, a TIME outside one day, a BOOLEAN other than 0 and 1). A restore into another engine is refused on them
 * before the target is touched, whether or not the target accepts partial copies: a value cannot be left out of a
 * row. Into MariaDB they restore as they are; a backup taken before they were recorded stops at them as it loads.
 */
public class EngineOnlyValuesTest {
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Each kind of value once, beside columns of the same types whose values every engine holds. */
    private static void createValues(TestDatabase source) {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("CREATE TABLE c (id INT PRIMARY KEY, d DATETIME NULL)");
            s.execute("INSERT INTO c VALUES (1, '0000-00-00 00:00:00'), (2, '2024-01-01 10:00:00')");
            s.execute("CREATE TABLE spans (id INT PRIMARY KEY, day DATE, took TIME, on_off BOOLEAN,"
                    + " fine DATE, short TIME, flag BOOLEAN)");
            s.execute("INSERT INTO spans VALUES (1, '2024-02-01', '12:00:00', 1, '2024-02-01', '10:00:00', 1),"
                    + " (2, '2024-02-00', '-10:00:00', 2, NULL, '23:59:59', 0)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void shouldRecordTheColumnsHoldingValuesOnlyMariaDbStores() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            createValues(source);
            EngineFixture fixture = fixture(source, h2Url("copy"), false);

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().engineOnlyValues()).containsExactlyInAnyOrder(
                    new EngineOnlyValues("c", "d", EngineOnlyValues.ZERO_PART_DATE),
                    new EngineOnlyValues("spans", "day", EngineOnlyValues.ZERO_PART_DATE),
                    new EngineOnlyValues("spans", "took", EngineOnlyValues.TIME_OUTSIDE_DAY),
                    new EngineOnlyValues("spans", "on_off", EngineOnlyValues.BOOLEAN_NOT_0_OR_1));
            // As stored, not only as returned.
            try (InputStream in = Files.newInputStream(Path.of(backup.manifestLocation()))) {
                assertThat(ManifestCodec.read(in, "manifest").engineOnlyValues())
                        .isEqualTo(backup.manifest().engineOnlyValues());
            }
            assertThat(fixture.listener.all()).contains("This backup restores only into mariadb: ")
                    .contains("column d of c holds dates with a zero month or day");
        }
    }

    @Test
    public void shouldRecordNothingWhereEveryValueIsUsual() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE usual (id INT PRIMARY KEY, d DATETIME, t TIME, b BOOLEAN)",
                    "INSERT INTO usual VALUES (1, '2024-01-01 10:00:00', '23:59:59', 1), (2, NULL, NULL, 0)");
            EngineFixture fixture = fixture(source, h2Url("copy"), false);

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().engineOnlyValues()).isEmpty();
            assertThat(new String(ManifestCodec.write(backup.manifest()))).doesNotContain("engineOnlyValues");
        }
    }

    @Test
    public void shouldRefuseAnH2DatabaseInPlaceLeavingItsFileAsItWas() throws Exception {
        for (boolean partial : new boolean[] {false, true}) {
            try (TestDatabase source = TestServers.newMariaDbDatabase()) {
                createValues(source);
                String target = h2Url("copy" + partial);
                TestServers.execute(target, "sa", "CREATE TABLE keep (id INT PRIMARY KEY)",
                        "INSERT INTO keep VALUES (7)");
                Path file = h2File("copy" + partial);
                byte[] before = Files.readAllBytes(file);
                EngineFixture fixture = fixture(source, target, partial);
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                fixture.login(H2_LOGIN);

                RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "copy").from("qa", "orders")), RunbookException.class);

                assertRefused(refused, "'dev/copy' (h2)");
                assertThat(Files.readAllBytes(file)).as("the H2 file with allowPartial " + partial)
                        .isEqualTo(before);
                assertThat(Queries.rows(target, "sa", "SELECT id FROM keep")).containsExactly("7");
                assertThat(fixture.backupRoot().resolve("dev")).as("a safety backup was taken").doesNotExist();
            }
        }
    }

    @Test
    public void shouldRefuseANewH2DatabaseWithoutCreatingIt() {
        for (boolean partial : new boolean[] {false, true}) {
            try (TestDatabase source = TestServers.newMariaDbDatabase()) {
                createValues(source);
                EngineFixture fixture = fixture(source, h2Url("copy"), partial);
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                fixture.login(H2_LOGIN);

                RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew("fresh" + partial)),
                        RunbookException.class);

                assertRefused(refused, "'dev/copy' (h2)");
                assertThat(h2File("fresh" + partial)).as("the new H2 database with allowPartial " + partial)
                        .doesNotExist();
            }
        }
    }

    @Test
    public void shouldRefuseANewPostgresDatabaseWithoutCreatingIt() {
        for (boolean partial : new boolean[] {false, true}) {
            String fresh = TestServers.uniqueName();
            try (TestDatabase source = TestServers.newMariaDbDatabase()) {
                createValues(source);
                EngineFixture fixture = fixture(source, TestServers.postgresUrl("postgres"), partial);
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                fixture.login(TestServers.postgresLogin());

                RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew(fresh)),
                        RunbookException.class);

                assertRefused(refused, "'dev/copy' (postgresql)");
                assertThat(TestServers.postgresHas(fresh)).as("the new database with allowPartial " + partial)
                        .isFalse();
            } finally {
                TestServers.dropPostgres(fresh);
            }
        }
    }

    @Test
    public void shouldRefuseAPostgresDatabaseInPlaceLeavingItAsItWas() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            createValues(source);
            target.execute("CREATE TABLE keep (id int PRIMARY KEY)", "INSERT INTO keep VALUES (7)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                    .environment("dev", new DatabaseTarget("copy", target.url(), MethodChoice.NATIVE,
                            Map.of(Role.RESTORE, "restore"), true));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            fixture.login(target.login());

            RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders")), RunbookException.class);

            assertRefused(refused, "'dev/copy' (postgresql)");
            assertThat(Queries.rows(target.url(), TestServers.PG_USER, "SELECT string_agg(tablename, ',')"
                    + " FROM pg_tables WHERE schemaname = 'public'")).containsExactly("keep");
        }
    }

    @Test
    public void shouldRestoreTheValuesIntoMariaDb() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            createValues(source);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                String values = "SELECT CAST(d AS CHAR) FROM c ORDER BY id";
                assertThat(Queries.rows(TestServers.mariaDbUrl(copy), TestServers.MARIADB_USER, values))
                        .containsExactly("0000-00-00 00:00:00", "2024-01-01 10:00:00");
                String spans = "SELECT CAST(day AS CHAR), CAST(took AS CHAR), on_off FROM spans WHERE id = 2";
                assertThat(Queries.rows(TestServers.mariaDbUrl(copy), TestServers.MARIADB_USER, spans))
                        .containsExactly("2024-02-00", "-10:00:00", "2");
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    /** A backup taken before the columns were recorded is not refused up front: it stops at the value as it loads. */
    @Test
    public void shouldStopABackupTakenBeforeTheColumnsWereRecordedWhileLoading() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            createValues(source);
            EngineFixture fixture = fixture(source, h2Url("copy"), false);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            Path manifestFile = Path.of(backup.manifestLocation());
            Manifest m = backup.manifest();
            Files.write(manifestFile, ManifestCodec.write(new Manifest(m.formatVersion(), m.id(), m.label(),
                    m.environment(), m.database(), m.engine(), m.serverVersion(), m.method(), m.tool(),
                    m.toolVersion(), m.payload(), m.rawSize(), m.startedAt(), m.finishedAt(), m.rowCounts(),
                    m.createdBy(), m.build(), m.purpose(), m.notCarried(), m.warnings(), m.position(),
                    m.fingerprints())));
            assertThat(Files.readString(manifestFile)).doesNotContain("engineOnlyValues");
            fixture.login(H2_LOGIN);

            RunbookException failed = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew("fresh")),
                    RunbookException.class);

            assertThat(failed).isNotNull();
            assertThat(failed.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
            assertThat(failed.getMessage()).contains("holds a value h2 cannot", "has a zero month or day");
        }
    }

    private static void assertRefused(RunbookException refused, String into) {
        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
        assertThat(refused.getMessage()).contains(into, "column d of c holds dates with a zero month or day",
                "column day of spans holds dates with a zero month or day",
                "column took of spans holds TIME values outside one day",
                "column on_off of spans holds BOOLEAN (TINYINT(1)) values other than 0 and 1", "nothing was touched")
                .doesNotContain("fine", "short", "flag");
        assertThat(refused.hint()).contains("Restore it into a mariadb database");
    }

    private EngineFixture fixture(TestDatabase source, String targetUrl, boolean targetAcceptsPartial) {
        return new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                .environment("dev", new DatabaseTarget("copy", targetUrl, MethodChoice.NATIVE,
                        Map.of(Role.RESTORE, "restore"), targetAcceptsPartial));
    }

    private String h2Url(String name) {
        return "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2").resolve(name).toAbsolutePath();
    }

    private Path h2File(String name) {
        return tmp.getRoot().toPath().resolve("h2").resolve(name + ".mv.db").toAbsolutePath();
    }
}
