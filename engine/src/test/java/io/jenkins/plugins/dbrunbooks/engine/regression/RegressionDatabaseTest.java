package io.jenkins.plugins.dbrunbooks.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresCopyFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PostgreSQL's own regression database, built by {@code .ci/regression-db.sh}: schemas nobody here wrote, holding
 * nearly every kind of object the server knows. It is only read; copies are restored into new databases and
 * dropped.
 */
public class RegressionDatabaseTest {
    private static final String REGRESSION = "regression";
    /** What the jdbc method refuses to carry today; a release may only take lines away. */
    private static final String NOT_CARRIED = "RegressionDatabaseTest/jdbc-not-carried.txt";
    /**
     * The pg_dump entries of the regression database, without what the jdbc method refuses, that a jdbc restore
     * changes or loses today, each with the reason in a comment. A release may only take lines away.
     */
    private static final String KNOWN_DIFFERENCES = "RegressionDatabaseTest/jdbc-known-differences.txt";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Before
    public void requireRegressionDatabase() throws SQLException {
        TestServers.requireServer("PostgreSQL", TestServers.postgresUrl("postgres"), TestServers.PG_USER);
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + REGRESSION + "'")) {
            if (!rs.next()) {
                String message = "The '" + REGRESSION + "' database does not exist; .ci/regression-db.sh builds it";
                if (TestServers.inCi()) {
                    fail(message + " (CI requires every server test to run)");
                }
                assumeTrue(message, false);
            }
        }
    }

    @Test
    public void shouldRestoreANativeBackupIdenticalInSchemaAndData() {
        EngineFixture fixture = fixture(MethodChoice.NATIVE);
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("ci", REGRESSION, null));
        String copy = TestServers.uniqueName();
        try {
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("ci", REGRESSION).intoNew(copy));
            assertThat(differences(backup.manifest().fingerprints(), fingerprintsOf(copy)))
                    .as("tables whose fingerprints a drill of the restored copy finds changed").isEmpty();

            NormalisedDump original = NormalisedDump.of(REGRESSION);
            NormalisedDump restored = NormalisedDump.of(copy);
            assertThat(restored.schema()).isEqualTo(original.schema());
            assertThat(restored.data().keySet()).isEqualTo(original.data().keySet());
            assertThat(original.data().keySet().stream()
                    .filter(r -> !original.data().get(r).equals(restored.data().get(r))).toList())
                    .as("relations whose data differs after the restore").isEmpty();
            assertThat(original.data()).hasSizeGreaterThan(100);
        } finally {
            TestServers.dropPostgres(copy);
        }
    }

    /**
     * Every table's own indexes and keys built as soon as its rows are in, however small the table, as the archive
     * streams by: nearly every kind of index, key, partition and dependency the server knows ends as pg_restore
     * leaves it.
     */
    @Test
    public void shouldRestoreANativeArchiveIdenticallyWithEveryTablesIndexesBuiltAsItsRowsArrive() throws Exception {
        List<String> messages = restoreStreamedAndCompare(new PostgresNativeMethod(0), 2);

        assertThat(messages).anyMatch(m -> m.startsWith("Building the keys and indexes of"));
    }

    /**
     * Everything split: the schema's plain tables created by three pg_restore runs at once, between what they depend
     * on and what depends on them, and every table's indexes built as its rows arrive.
     */
    @Test
    public void shouldRestoreANativeArchiveIdenticallyWithItsTablesCreatedByThreeRunsAtOnce() throws Exception {
        List<String> messages = restoreStreamedAndCompare(new PostgresNativeMethod(0, 1), 3);

        assertThat(messages).anyMatch(m -> m.matches("Creating \\d+ tables with 3 pg_restore runs at once"));
    }

    /**
     * Restores a piped native archive of the regression database as it streams, with {@code jobs} jobs, into a new
     * database, checks that its schema and data are the original's, and returns what the restore said.
     */
    private List<String> restoreStreamedAndCompare(PostgresNativeMethod method, int jobs) throws Exception {
        Path dir = tmp.newFolder().toPath();
        ExternalTools.sh(dir, "pg_dump -h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U "
                + TestServers.PG_USER + " --format=custom --compress=0 " + REGRESSION + " | cat > archive.dump");
        Path archive = dir.resolve("archive.dump");
        String copy = TestServers.uniqueName();
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "CREATE DATABASE " + copy
                + " TEMPLATE template0");
        try {
            RecordingListener listener = new RecordingListener();
            method.restore(new MethodContext(TestServers.postgresUrl(copy), TestServers.postgresLogin(),
                    ToolLocator.fromEnvironment(List.of()), dir, listener),
                    StreamSource.of(Files.newInputStream(archive)), new RestoreOptions(true, jobs));

            NormalisedDump original = NormalisedDump.of(REGRESSION);
            NormalisedDump restored = NormalisedDump.of(copy);
            assertThat(NormalisedDump.differingEntries(original.schema(), restored.schema())).isEmpty();
            assertThat(restored.schema()).isEqualTo(original.schema());
            assertThat(original.data().keySet().stream()
                    .filter(r -> !original.data().get(r).equals(restored.data().get(r))).toList())
                    .as("relations whose data differs after the restore").isEmpty();
            return listener.messages;
        } finally {
            TestServers.dropPostgres(copy);
        }
    }

    @Test
    public void shouldRefuseAJdbcBackupBeforeWritingAndNameOnlyObjectsRefusedBefore() throws IOException {
        EngineFixture fixture = fixture(MethodChoice.JDBC);

        RunbookException refused = catchThrowableOfType(
                () -> new BackupOperation(fixture.context()).run(new BackupRequest("ci", REGRESSION, null)),
                RunbookException.class);

        assertThat(refused).as("the jdbc backup of the regression database was not refused").isNotNull();
        assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
        assertThat(filesUnder(fixture.backupRoot())).as("files written before the refusal").isEmpty();
        List<String> named = Dialects.standard().methods().forManifest("postgresql", "jdbc").coverage(new MethodContext(TestServers.postgresUrl(REGRESSION),
                TestServers.postgresLogin(), ToolLocator.fromEnvironment(List.of()), tmp.getRoot().toPath(), new RecordingListener()))
                .notCarried();
        assertThat(named).allSatisfy(object -> assertThat(refused.getMessage()).contains(object));

        // The whole list as it is today, for a developer to compare or copy when it shrinks.
        Files.write(Path.of("target", "regression-jdbc-not-carried.txt"), named);
        List<String> before = expectedNotCarried();
        List<String> added = named.stream().filter(o -> !before.contains(o)).toList();
        List<String> gone = before.stream().filter(o -> !named.contains(o)).toList();
        assertThat(added).as("objects the jdbc method refused no earlier: carry them, or refuse them on purpose and"
                + " add them to " + NOT_CARRIED + " (today's list is in target/regression-jdbc-not-carried.txt)")
                .isEmpty();
        assertThat(gone).as("the jdbc method carries these now: shrink " + NOT_CARRIED
                + " by removing them").isEmpty();
    }

    /**
     * What the jdbc method carries of the regression database comes back as it was: a copy without the objects it
     * refuses (dropped with what depends on them) is backed up, restored into a new database, and both must print
     * the same schema and hold the same rows.
     */
    @Test
    public void shouldRestoreAJdbcBackupOfWhatItCarriesIdenticalInSchemaAndData() throws IOException {
        String pruned = TestServers.uniqueName();
        String copy = TestServers.uniqueName();
        try {
            TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                    "CREATE DATABASE " + pruned + " TEMPLATE " + REGRESSION);
            List<String> drops = new ArrayList<>();
            for (String object : expectedNotCarried()) {
                drops.add(dropStatement(object));
            }
            TestServers.execute(TestServers.postgresUrl(pruned), TestServers.PG_USER, drops.toArray(String[]::new));
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), TestServers.postgresLogin())
                    .environment("ci", EngineFixture.database(REGRESSION, TestServers.postgresUrl(pruned),
                            MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(
                    new BackupRequest("ci", REGRESSION, null));
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("ci", REGRESSION).intoNew(copy));
            // Taken from the stream for the tables read in binary, by a second read for the others: either way
            // what a drill of the copy finds.
            assertThat(backup.manifest().fingerprints().tables()).hasSizeGreaterThan(100);
            assertThat(differences(backup.manifest().fingerprints(), fingerprintsOf(copy)))
                    .as("tables whose fingerprints a drill of the restored copy finds changed").isEmpty();

            NormalisedDump original = NormalisedDump.of(pruned);
            NormalisedDump restored = NormalisedDump.of(copy);
            Files.writeString(Path.of("target", "regression-jdbc-pruned.sql"), original.schema());
            Files.writeString(Path.of("target", "regression-jdbc-restored.sql"), restored.schema());
            List<String> differing = NormalisedDump.differingEntries(original.schema(), restored.schema());
            Files.write(Path.of("target", "regression-jdbc-differences.txt"), differing);
            List<String> known = listed(KNOWN_DIFFERENCES);
            assertThat(differing.stream().filter(e -> !known.contains(e)).toList())
                    .as("objects the jdbc restore changes or loses that it did not before (diff"
                            + " target/regression-jdbc-pruned.sql target/regression-jdbc-restored.sql)").isEmpty();
            assertThat(known.stream().filter(e -> !differing.contains(e)).toList())
                    .as("objects the jdbc restore keeps now: shrink " + KNOWN_DIFFERENCES).isEmpty();
            // A sequence whose definition is a known difference may hold another value too.
            assertThat(original.data().keySet().stream()
                    .filter(r -> !original.data().get(r).equals(restored.data().get(r)))
                    .filter(r -> !known.contains(r + "; Type: SEQUENCE; Schema: public")).toList())
                    .as("relations whose data differs after the restore").isEmpty();
            assertThat(original.data()).hasSizeGreaterThan(100);
        } finally {
            TestServers.dropPostgres(copy);
            TestServers.dropPostgres(pruned);
        }
    }

    private static List<String> differences(DataFingerprints expected, DataFingerprints actual) {
        assertThat(actual.scheme()).isEqualTo(expected.scheme());
        java.util.TreeSet<String> names = new java.util.TreeSet<>(expected.tables().keySet());
        names.addAll(actual.tables().keySet());
        return names.stream().filter(t -> !java.util.Objects.equals(expected.tables().get(t), actual.tables().get(t)))
                .map(t -> t + ": " + expected.tables().get(t) + " became " + actual.tables().get(t)).toList();
    }

    private static DataFingerprints fingerprintsOf(String database) {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl(database), TestServers.PG_USER, "");
                Connection other = DriverManager.getConnection(TestServers.postgresUrl(database),
                        TestServers.PG_USER, "")) {
            return new PostgresCopyFingerprinter().take(List.of(c, other), null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kinds the refusal names; one that begins another ("operator", "operator class") comes after it. */
    private static final List<String> KINDS = List.of("text search configuration", "text search dictionary",
            "text search parser", "text search template", "foreign-data wrapper", "procedural language",
            "extended statistics", "default privileges", "inheriting table", "operator family", "operator class",
            "composite type", "foreign server", "security label", "access method", "event trigger", "large objects",
            "user mapping", "typed table", "materialized view", "view", "publication", "subscription", "range type",
            "shell type", "base type", "conversion", "transform", "operator", "routine", "aggregate", "policy", "index",
            "cast");

    /** Drops one object the refusal names, and everything that depends on it. */
    private static String dropStatement(String object) {
        String kind = KINDS.stream().filter(k -> object.startsWith(k + " ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No way to drop '" + object + "' in this test"));
        String name = object.substring(kind.length() + 1);
        return switch (kind) {
            // Found by the name the refusal gives, as an ordered-set aggregate's arguments cannot be written back.
            case "routine", "aggregate" -> "DO $drop$DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname || '.' || p.proname || '('"
                    + " || pg_get_function_identity_arguments(p.oid) || ')' = '" + name.replace("'", "''")
                    + "' LOOP EXECUTE 'DROP ROUTINE ' || f || ' CASCADE'; END LOOP; END$drop$";
            case "base type", "range type", "composite type", "shell type" ->
                "DROP TYPE IF EXISTS " + name + " CASCADE";
            case "inheriting table", "typed table" -> "DROP TABLE IF EXISTS " + name + " CASCADE";
            case "materialized view", "view" -> "DROP " + kind.toUpperCase(java.util.Locale.ROOT) + " IF EXISTS " + name
                    + " CASCADE";
            case "policy" -> "DROP POLICY IF EXISTS " + name.substring(name.lastIndexOf('.') + 1) + " ON "
                    + name.substring(0, name.lastIndexOf('.'));
            case "large objects" -> "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata";
            // public.##(path, path) and public.@#@(NONE, bigint), as DROP OPERATOR takes them.
            case "operator" -> "DROP OPERATOR IF EXISTS " + name.substring(0, name.indexOf('(')) + " "
                    + name.substring(name.indexOf('(')) + " CASCADE";
            case "operator class", "operator family", "text search configuration", "text search dictionary",
                    "text search parser", "text search template", "conversion", "access method", "event trigger",
                    "publication", "subscription", "transform", "cast" ->
                "DROP " + kind.toUpperCase(java.util.Locale.ROOT) + " IF EXISTS " + name + " CASCADE";
            case "extended statistics" -> "DROP STATISTICS IF EXISTS " + name;
            case "foreign-data wrapper" -> "DROP FOREIGN DATA WRAPPER IF EXISTS " + name + " CASCADE";
            case "foreign server" -> "DROP SERVER IF EXISTS " + name + " CASCADE";
            case "procedural language" -> "DROP LANGUAGE IF EXISTS " + name + " CASCADE";
            // Dropped with the operator class, operator or statistics it uses.
            case "index" -> "SELECT 1";
            // Every role's default privileges put back to the built-in ones, which removes their entries.
            case "default privileges" -> "DO $drop$DECLARE d record; g record; what text; BEGIN"
                    + " FOR d IN SELECT defaclrole::regrole::text AS role, defaclnamespace, defaclacl,"
                    + " CASE defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'"
                    + " WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END AS what FROM pg_default_acl LOOP"
                    + " what := 'ALTER DEFAULT PRIVILEGES FOR ROLE ' || d.role || CASE WHEN d.defaclnamespace <> 0"
                    + " THEN ' IN SCHEMA ' || d.defaclnamespace::regnamespace::text ELSE '' END;"
                    + " FOR g IN SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END"
                    + " AS grantee FROM aclexplode(d.defaclacl) a LOOP EXECUTE what || ' REVOKE ALL ON ' || d.what"
                    + " || ' FROM ' || g.grantee; END LOOP;"
                    + " IF d.defaclnamespace = 0 THEN EXECUTE what || ' GRANT ALL ON ' || d.what || ' TO ' || d.role;"
                    + " IF d.what IN ('TYPES', 'FUNCTIONS') THEN EXECUTE what || ' GRANT ALL ON ' || d.what"
                    + " || ' TO PUBLIC'; END IF; END IF; END LOOP; END$drop$";
            default -> throw new IllegalArgumentException("No way to drop '" + object + "' in this test");
        };
    }

    private EngineFixture fixture(MethodChoice method) {
        return new EngineFixture(tmp.getRoot().toPath(), TestServers.postgresLogin())
                .environment("ci", EngineFixture.database(REGRESSION, TestServers.postgresUrl(REGRESSION), method));
    }

    private static List<String> expectedNotCarried() throws IOException {
        return listed(NOT_CARRIED);
    }

    private static List<String> listed(String resource) throws IOException {
        try (InputStream in = RegressionDatabaseTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("# ")).toList();
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }
}
