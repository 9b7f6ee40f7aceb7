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
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.scratch.LiveCopyOperation;
import io.jenkins.plugins.dbrunbooks.engine.scratch.LiveCopyRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A PostgreSQL jdbc backup records the columns whose rows hold values another engine lacks: infinite dates and
 * timestamps and numeric NaN and infinities, which neither MariaDB nor H2 holds, and real or double precision NaN and
 * infinities, which H2 holds and MariaDB does not. A restore into an engine that lacks them is refused before the
 * target is touched, whether or not the target accepts partial copies; into PostgreSQL they restore as they are.
 */
public class PostgresOnlyValuesRestoreTest {
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * Each kind in a table read with binary COPY ({@code odd}) and in one read with SELECT ({@code sel}, which has a
     * generated column), beside columns of the same types whose values every engine holds.
     */
    private static void createValues(TestDatabase source) {
        source.execute("CREATE TABLE odd (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz, f real,"
                + " g double precision, n numeric(12,2), ni numeric, days date[], fine_d date, fine_f double precision,"
                + " fine_n numeric)",
                "INSERT INTO odd VALUES (1, 'infinity', '2024-01-01 10:00', '-infinity', 'NaN', 1.5, 'NaN',"
                        + " 'Infinity', '{2024-01-01,infinity}', '2024-01-01', 2.5, 3.25),"
                        + " (2, '2024-02-01', NULL, '2024-01-01 10:00+00', 1, '-Infinity', 7.5, '-Infinity', NULL,"
                        + " NULL, NULL, NULL)",
                "CREATE TABLE sel (id int PRIMARY KEY, at timestamptz, g double precision, fine timestamp,"
                        + " twice int GENERATED ALWAYS AS (id * 2) STORED)",
                "INSERT INTO sel (id, at, g, fine) VALUES (1, '-infinity', 'Infinity', '2024-01-01 10:00'),"
                        + " (2, '2024-01-01 10:00+00', 0, NULL)");
    }

    private static final List<EngineOnlyValues> NO_OTHER_ENGINE = List.of(
            new EngineOnlyValues("public.odd", "d", EngineOnlyValues.INFINITE_DATE),
            new EngineOnlyValues("public.odd", "tz", EngineOnlyValues.INFINITE_DATE),
            new EngineOnlyValues("public.odd", "n", EngineOnlyValues.NUMERIC_NAN_OR_INFINITY),
            new EngineOnlyValues("public.odd", "ni", EngineOnlyValues.NUMERIC_NAN_OR_INFINITY),
            new EngineOnlyValues("public.odd", "days", EngineOnlyValues.INFINITE_DATE),
            new EngineOnlyValues("public.sel", "at", EngineOnlyValues.INFINITE_DATE));
    private static final List<EngineOnlyValues> NOT_MARIADB = List.of(
            new EngineOnlyValues("public.odd", "f", EngineOnlyValues.FLOAT_NAN_OR_INFINITY),
            new EngineOnlyValues("public.odd", "g", EngineOnlyValues.FLOAT_NAN_OR_INFINITY),
            new EngineOnlyValues("public.sel", "g", EngineOnlyValues.FLOAT_NAN_OR_INFINITY));

    @Test
    public void shouldRecordTheColumnsAsTheRowsStreamPerEngineThatLacksThem() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            createValues(source);
            EngineFixture fixture = fixture(source, h2Url("copy"), false);

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().engineOnlyValues()).containsExactlyInAnyOrderElementsOf(NO_OTHER_ENGINE);
            assertThat(backup.manifest().valuesNotHeldBy()).containsOnlyKeys("mariadb");
            assertThat(backup.manifest().valuesNotHeldBy().get("mariadb"))
                    .containsExactlyInAnyOrderElementsOf(NOT_MARIADB);
            try (InputStream in = Files.newInputStream(Path.of(backup.manifestLocation()))) {
                Manifest stored = ManifestCodec.read(in, "manifest");
                assertThat(stored.engineOnlyValues()).isEqualTo(backup.manifest().engineOnlyValues());
                assertThat(stored.valuesNotHeldBy()).isEqualTo(backup.manifest().valuesNotHeldBy());
            }
            assertThat(fixture.listener.all()).contains("This backup restores only into postgresql: ",
                    "column d of public.odd holds dates or timestamps of infinity or -infinity",
                    "This backup cannot be restored into mariadb: ",
                    "column g of public.sel holds real or double precision values NaN, Infinity or -Infinity");
        }
    }

    @Test
    public void shouldRefuseANewMariaDbDatabaseWithoutCreatingIt() {
        for (boolean partial : new boolean[] {false, true}) {
            String fresh = TestServers.uniqueName();
            try (TestDatabase source = TestServers.newPostgresDatabase();
                    TestDatabase server = TestServers.newMariaDbDatabase()) {
                createValues(source);
                EngineFixture fixture = fixture(source, server.url(), partial);
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                fixture.login(TestServers.mariaDbLogin());

                RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew(fresh)),
                        RunbookException.class);

                assertRefused(refused, "'dev/copy' (mariadb)");
                assertThat(refused.getMessage()).contains(
                        "column f of public.odd holds real or double precision values NaN, Infinity or -Infinity",
                        "column g of public.odd holds real", "column g of public.sel holds real",
                        "which mariadb does not store");
                assertThat(TestServers.mariaDbHas(fresh)).as("the new database with allowPartial " + partial)
                        .isFalse();
            } finally {
                TestServers.dropMariaDb(fresh);
            }
        }
    }

    @Test
    public void shouldRefuseANewH2DatabaseWithoutCreatingItNamingOnlyWhatH2Lacks() {
        for (boolean partial : new boolean[] {false, true}) {
            try (TestDatabase source = TestServers.newPostgresDatabase()) {
                createValues(source);
                EngineFixture fixture = fixture(source, h2Url("copy"), partial);
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                fixture.login(H2_LOGIN);

                RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew("fresh" + partial)),
                        RunbookException.class);

                assertRefused(refused, "'dev/copy' (h2)");
                assertThat(refused.getMessage()).contains("which no other engine stores")
                        .doesNotContain("column f of", "column g of");
                assertThat(h2File("fresh" + partial)).as("the new H2 database with allowPartial " + partial)
                        .doesNotExist();
            }
        }
    }

    @Test
    public void shouldRestoreFloatNaNAndInfinitiesIntoH2ButRefuseMariaDb() {
        String fresh = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase server = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE m (id int PRIMARY KEY, f real, g double precision)",
                    "INSERT INTO m VALUES (1, 'NaN', '-Infinity'), (2, 'Infinity', 2.5)");
            EngineFixture fixture = fixture(source, h2Url("copy"), false)
                    .environment("maria", new DatabaseTarget("copy", server.url(), MethodChoice.NATIVE,
                            Map.of(Role.RESTORE, "restore"), false));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().engineOnlyValues()).isEmpty();
            // What a reader that knows only engineOnlyValues sees: nothing to refuse, as before.
            assertThat(new String(ManifestCodec.write(backup.manifest()))).doesNotContain("engineOnlyValues")
                    .contains("valuesNotHeldBy");
            fixture.login(H2_LOGIN);

            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "copy").from("qa", "orders")
                    .intoNew("fresh"));

            assertThat(Queries.rows(h2Url("fresh"), "sa", "SELECT CAST(\"f\" AS VARCHAR), CAST(\"g\" AS VARCHAR)"
                    + " FROM \"m\" ORDER BY \"id\"")).containsExactly("NaN", "-Infinity", "Infinity", "2.5");
            fixture.login(TestServers.mariaDbLogin());
            RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("maria", "copy").from("qa", "orders").intoNew(fresh)),
                    RunbookException.class);
            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("column f of public.m holds real or double precision values",
                    "column g of public.m", "nothing was touched");
            assertThat(TestServers.mariaDbHas(fresh)).isFalse();
        } finally {
            TestServers.dropMariaDb(fresh);
        }
    }

    @Test
    public void shouldRestoreTheValuesIntoPostgresAsTheyAre() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            createValues(source);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                for (String values : List.of("SELECT odd::text FROM odd ORDER BY id",
                        "SELECT sel::text FROM sel ORDER BY id")) {
                    assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER, values))
                            .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, values))
                            .anyMatch(row -> row.contains("infinity"));
                }
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldCarryUsualValuesOfTheSameTypesIntoMariaDbAndH2() {
        String fresh = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase server = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE usual (id int PRIMARY KEY, d date, tz timestamptz, f real,"
                    + " g double precision, n numeric(12,2))",
                    "INSERT INTO usual VALUES (1, '2024-01-01', '2024-01-01 10:00+00', 1.5, -2.5, 7.25),"
                            + " (2, NULL, NULL, NULL, NULL, NULL)");
            EngineFixture fixture = fixture(source, h2Url("copy"), false)
                    .environment("maria", new DatabaseTarget("copy", server.url(), MethodChoice.NATIVE,
                            Map.of(Role.RESTORE, "restore"), false));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().engineOnlyValues()).isEmpty();
            assertThat(backup.manifest().valuesNotHeldBy()).isEmpty();
            assertThat(new String(ManifestCodec.write(backup.manifest()))).doesNotContain("valuesNotHeldBy");
            fixture.login(H2_LOGIN);
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "copy").from("qa", "orders")
                    .intoNew("fresh"));
            assertThat(Queries.rows(h2Url("fresh"), "sa", "SELECT CAST(\"n\" AS VARCHAR) FROM \"usual\""
                    + " WHERE \"id\" = 1")).containsExactly("7.25");
            fixture.login(TestServers.mariaDbLogin());
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("maria", "copy").from("qa", "orders")
                    .intoNew(fresh));
            assertThat(Queries.rows(TestServers.mariaDbUrl(fresh), TestServers.MARIADB_USER,
                    "SELECT CAST(d AS CHAR), f, g, n FROM usual WHERE id = 1"))
                    .containsExactly("2024-01-01", "1.5", "-2.5", "7.25");
        } finally {
            TestServers.dropMariaDb(fresh);
        }
    }

    /** A backup taken before the columns were recorded is not refused up front: it stops at the value as it loads. */
    @Test
    public void shouldStopABackupTakenBeforeTheColumnsWereRecordedWhileLoadingNamingTheColumn() throws Exception {
        String fresh = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase server = TestServers.newMariaDbDatabase()) {
            // The load used to fail on a numeric NaN into MariaDB with a ClassCastException, and to store an
            // infinite date inside an array into H2 as some far date.
            source.execute("CREATE TABLE t (id int PRIMARY KEY, n numeric)",
                    "INSERT INTO t VALUES (1, 1.5), (2, 'NaN')");
            EngineFixture fixture = fixture(source, h2Url("copy"), false)
                    .environment("maria", new DatabaseTarget("copy", server.url(), MethodChoice.NATIVE,
                            Map.of(Role.RESTORE, "restore"), false));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            Path manifestFile = Path.of(backup.manifestLocation());
            Manifest m = backup.manifest();
            Files.write(manifestFile, ManifestCodec.write(new Manifest(m.formatVersion(), m.id(), m.label(),
                    m.environment(), m.database(), m.engine(), m.serverVersion(), m.method(), m.tool(),
                    m.toolVersion(), m.payload(), m.rawSize(), m.startedAt(), m.finishedAt(), m.rowCounts(),
                    m.createdBy(), m.build(), m.purpose(), m.notCarried(), m.warnings(), m.position(),
                    m.fingerprints())));
            assertThat(Files.readString(manifestFile)).doesNotContain("engineOnlyValues");

            fixture.login(TestServers.mariaDbLogin());
            RunbookException intoMariaDb = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("maria", "copy").from("qa", "orders").intoNew(fresh)),
                    RunbookException.class);
            assertThat(intoMariaDb).isNotNull();
            assertThat(intoMariaDb.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
            assertThat(intoMariaDb.getMessage()).contains("Column `n` of `t` holds a value MariaDB cannot: NaN");
            assertThat(TestServers.mariaDbHas(fresh)).isFalse();

            // MariaDB has no arrays at all: H2 alone loads an array of dates.
            source.execute("UPDATE t SET n = 2 WHERE id = 2", "CREATE TABLE a (id int PRIMARY KEY, days date[])",
                    "INSERT INTO a VALUES (1, '{2024-01-01}'), (2, '{2024-01-01,-infinity}')");
            BackupResult again = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            Manifest a = again.manifest();
            Files.write(Path.of(again.manifestLocation()), ManifestCodec.write(new Manifest(a.formatVersion(),
                    a.id(), a.label(), a.environment(), a.database(), a.engine(), a.serverVersion(), a.method(),
                    a.tool(), a.toolVersion(), a.payload(), a.rawSize(), a.startedAt(), a.finishedAt(),
                    a.rowCounts(), a.createdBy(), a.build(), a.purpose(), a.notCarried(), a.warnings(),
                    a.position(), a.fingerprints())));
            fixture.login(H2_LOGIN);
            RunbookException intoH2 = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew("fresh")),
                    RunbookException.class);
            assertThat(intoH2).isNotNull();
            assertThat(intoH2.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
            assertThat(intoH2.getMessage()).contains("Column \"days\" of \"PUBLIC\".\"a\" holds a value h2 cannot:"
                    + " -infinity");
            assertThat(h2File("fresh")).doesNotExist();
        } finally {
            TestServers.dropMariaDb(fresh);
        }
    }

    /** A live copy has no manifest: as for MariaDB's values, it stops at the first one and drops the new database. */
    @Test
    public void shouldStopALiveCopyAtTheFirstValueAndDropTheNewDatabase() {
        String fresh = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE t (id int PRIMARY KEY, n numeric)", "INSERT INTO t VALUES (1, 'Infinity')");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                    .environment("dev", new DatabaseTarget("copy", target.url(), MethodChoice.NATIVE,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), false));
            RunbookContext base = fixture.context();
            RunbookContext context = new RunbookContext(base.config(), (env, db, role) -> "qa".equals(env.name())
                    ? source.login() : target.login(), base.stores(), base.methods(), base.tools(), base.workDir(),
                    base.listener(), base.audit(), base.actor(), base.payload(), base.clock());

            RunbookException failed = catchThrowableOfType(() -> new LiveCopyOperation(context)
                    .run(new LiveCopyRequest("dev", "copy", "qa", "orders", fresh, null)), RunbookException.class);

            assertThat(failed).isNotNull();
            assertThat(failed.getMessage()).contains("Column `n` of `t` holds a value MariaDB cannot: Infinity");
            assertThat(TestServers.mariaDbHas(fresh)).isFalse();
        } finally {
            TestServers.dropMariaDb(fresh);
        }
    }

    /**
     * A numeric with more digits than MariaDB's DECIMAL of its column keeps (30 after the point, 35 before it in an
     * unconstrained column; a numeric(65,0) keeps its 40 digits there) is recorded for MariaDB alone, from the binary
     * COPY and from a table read with SELECT, and refuses a MariaDB restore instead of being rounded; H2 takes it.
     */
    @Test
    public void shouldRefuseNumericsMariaDbWouldRoundButRestoreThemIntoH2() {
        String fresh = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase server = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE nums (id int PRIMARY KEY, fine_free numeric, wide numeric(65,0),"
                    + " fine numeric(12,2), long_fraction numeric, big numeric)",
                    "INSERT INTO nums VALUES (1, 1.50000000000000000000000000000000000000, 1" + "0".repeat(39)
                            + ", 1.25, 0.1234567890123456789012345678901234, 1),"
                            + " (2, -0.000000000000000000000000000001, 7, 2.5, 1, 1" + "0".repeat(36) + ")",
                    "CREATE TABLE sel (id int PRIMARY KEY, free numeric, twice int GENERATED ALWAYS AS (id * 2) STORED)",
                    "INSERT INTO sel (id, free) VALUES (1, 1.5), (2, 0.0000000000000000000000000000001)");
            EngineFixture fixture = fixture(source, server.url(), true);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().engineOnlyValues()).isEmpty();
            assertThat(backup.manifest().valuesNotHeldBy().get("mariadb")).containsExactlyInAnyOrder(
                    new EngineOnlyValues("public.nums", "long_fraction", EngineOnlyValues.NUMERIC_BEYOND_DECIMAL),
                    new EngineOnlyValues("public.nums", "big", EngineOnlyValues.NUMERIC_BEYOND_DECIMAL),
                    new EngineOnlyValues("public.sel", "free", EngineOnlyValues.NUMERIC_BEYOND_DECIMAL));

            fixture.login(TestServers.mariaDbLogin());
            RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders").intoNew(fresh)),
                    RunbookException.class);
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("column long_fraction of public.nums holds numeric values with"
                    + " more digits than a DECIMAL keeps", "column big of", "column free of public.sel",
                    "which mariadb does not store").doesNotContain("fine", "wide");
            assertThat(TestServers.mariaDbHas(fresh)).isFalse();

            EngineFixture intoH2 = fixture(source, h2Url("numbers"), true);
            new BackupOperation(intoH2.context()).run(new BackupRequest("qa", "orders", null));
            intoH2.login(H2_LOGIN);
            new RestoreOperation(intoH2.context()).run(RestoreRequest.of("dev", "copy").from("qa", "orders")
                    .intoNew("numbers"));
            assertThat(h2File("numbers")).exists();
        } finally {
            TestServers.dropMariaDb(fresh);
        }
    }

    private static void assertRefused(RunbookException refused, String into) {
        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
        assertThat(refused.getMessage()).contains(into,
                "column d of public.odd holds dates or timestamps of infinity or -infinity",
                "column tz of public.odd holds dates or timestamps", "column days of public.odd holds dates",
                "column at of public.sel holds dates",
                "column n of public.odd holds numeric values NaN, Infinity or -Infinity",
                "column ni of public.odd holds numeric values", "nothing was touched")
                .doesNotContain("column ts of", "fine", "twice");
        assertThat(refused.hint()).contains("Restore it into a postgresql database");
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
