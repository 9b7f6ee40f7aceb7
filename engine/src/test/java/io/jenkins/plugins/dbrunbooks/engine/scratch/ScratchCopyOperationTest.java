package io.jenkins.plugins.dbrunbooks.engine.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Scratch copies on the real servers: made beside the configured database, usable, and gone afterwards. */
public class ScratchCopyOperationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static long rows(String url, DbCredential login) {
        try (Connection c = DriverManager.getConnection(url, login.userName().orElse(null), "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private EngineFixture backedUp(TestDatabase db, String configuredName) {
        db.execute("CREATE TABLE items (id INT PRIMARY KEY)", "INSERT INTO items VALUES (1), (2), (3)");
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                .environment("qa", EngineFixture.database(configuredName, db.url()));
        new BackupOperation(fixture.context()).run(new BackupRequest("qa", configuredName, null));
        return fixture;
    }

    @Test
    public void shouldCopyAPostgresBackupForTheUseAndDropItAfterwards() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = backedUp(db, "orders");
            ScratchCopyRequest request = ScratchCopyRequest.of("qa", "orders", "42");
            assertThat(request.scratchName()).matches("orders_copy_42_[0-9a-f]{4}");

            long seen = new ScratchCopyOperation(fixture.context()).with(request, (copy, login) -> {
                assertThat(copy.name()).isEqualTo(request.scratchName());
                assertThat(copy.jdbcUrl()).endsWith("/" + request.scratchName());
                db.execute("DELETE FROM items");
                return rows(copy.jdbcUrl(), login);
            });

            assertThat(seen).as("the copy holds the backup, not today's data").isEqualTo(3);
            assertThat(TestServers.postgresHas(request.scratchName())).isFalse();
            assertThat(fixture.events).extracting(AuditEvent::operation).containsSubsequence("restore", "drop");
        }
    }

    @Test
    public void shouldDropTheCopyWhenItsUseFails() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = backedUp(db, "orders");
            ScratchCopyRequest request = ScratchCopyRequest.of("qa", "orders", null);
            IllegalStateException failure = new IllegalStateException("tests failed");

            assertThatThrownBy(() -> new ScratchCopyOperation(fixture.context()).with(request, (copy, login) -> {
                assertThat(rows(copy.jdbcUrl(), login)).isEqualTo(3);
                throw failure;
            })).isSameAs(failure);

            assertThat(failure.getSuppressed()).isEmpty();
            assertThat(TestServers.postgresHas(request.scratchName())).isFalse();
        }
    }

    @Test
    public void shouldFitALongNameIntoPostgresLimitAndDropTwiceHarmlessly() throws Exception {
        String longName = "orders-" + "x".repeat(Names.MAX_DATABASE_NAME - 7);
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = backedUp(db, longName);
            ScratchCopyOperation operation = new ScratchCopyOperation(fixture.context());

            ScratchCopy copy = operation.create(ScratchCopyRequest.of("qa", longName, "7"));
            try {
                assertThat(copy.name()).hasSize(Names.MAX_DATABASE_NAME).startsWith("orders_xxx")
                        .contains("_copy_7_");
                assertThat(TestServers.postgresHas(copy.name())).as("the server kept the name whole").isTrue();
            } finally {
                operation.undo(copy).revert();
                operation.undo(copy).revert();
            }
            assertThat(TestServers.postgresHas(copy.name())).isFalse();
        }
    }

    @Test
    public void shouldLeaveNothingWhenTheBackupCannotBeRestored() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = backedUp(db, "orders");
            ScratchCopyRequest request = ScratchCopyRequest.of("qa", "orders", null)
                    .withBackup("20000101T000000000Z-dead");

            assertThatThrownBy(() -> new ScratchCopyOperation(fixture.context()).with(request, (copy, login) -> {
                throw new AssertionError("no copy to use");
            })).isInstanceOf(RunbookException.class)
                    .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);

            assertThat(TestServers.postgresHas(request.scratchName())).isFalse();
        }
    }

    @Test
    public void shouldCopyAMariaDbBackupAndDropItAfterwards() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            EngineFixture fixture = backedUp(db, "shop");
            ScratchCopyRequest request = ScratchCopyRequest.of("qa", "shop", "3");

            long seen = new ScratchCopyOperation(fixture.context()).with(request, (copy, login) -> {
                assertThat(TestServers.mariaDbHas(copy.name())).isTrue();
                return rows(copy.jdbcUrl(), login);
            });

            assertThat(seen).isEqualTo(3);
            assertThat(TestServers.mariaDbHas(request.scratchName())).isFalse();
        }
    }
}
