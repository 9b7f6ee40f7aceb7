package io.jenkins.plugins.dbrunbooks.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A drill killed while it restores leaves its scratch database; the next drill of the database drops it. */
public class KilledDrillTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static boolean exists(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    public void shouldDropTheScratchDatabaseOfAKilledDrillOnTheNextRun() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE big (id INT PRIMARY KEY, body TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 400000) g");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
            StoredBackup stored = store.find("qa", "orders", backup.id()).orElseThrow();

            Process child = ChildDrill.start(tmp.getRoot().toPath(), db.url(), db.login().userName().orElseThrow());
            String scratch;
            try {
                scratch = Eventually.value("the drill's scratch database", () -> DrillNotes.read(store, stored)
                        .map(DrillRecord::scratchDatabase).filter(name -> {
                            try {
                                return exists(name);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }).orElse(null), () -> child.isAlive() ? null : "the drill ended before it was killed");
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            assertThat(exists(scratch)).as("the killed drill left its copy").isTrue();
            assertThat(DrillNotes.read(store, stored)).hasValueSatisfying(r ->
                    assertThat(r.state()).isEqualTo(DrillRecord.State.RUNNING));

            DrillRecord next = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));

            assertThat(exists(scratch)).as("dropped by the next drill").isFalse();
            assertThat(fixture.listener.messages).anyMatch(m -> m.contains("was killed")
                    && m.contains(scratch) && m.contains("dropped by the next drill"));
            assertThat(next.state()).as(next.message()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(exists(next.scratchDatabase())).isFalse();
        }
    }
}
