package io.jenkins.plugins.dbrunbooks.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
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
        new BackupOperation(fixture.context()).run(new BackupRequest("ci", REGRESSION, null));
        String copy = TestServers.uniqueName();
        try {
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("ci", REGRESSION).intoNew(copy));

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

    private EngineFixture fixture(MethodChoice method) {
        return new EngineFixture(tmp.getRoot().toPath(), TestServers.postgresLogin())
                .environment("ci", EngineFixture.database(REGRESSION, TestServers.postgresUrl(REGRESSION), method));
    }

    private static List<String> expectedNotCarried() throws IOException {
        try (InputStream in = RegressionDatabaseTest.class.getResourceAsStream(NOT_CARRIED)) {
            assertThat(in).as(NOT_CARRIED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
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
