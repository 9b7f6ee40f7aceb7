package io.jenkins.plugins.dbrunbooks.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeFalse;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince.TableChanges;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What was written to a MariaDB database since a backup: per table where user statistics are on, else the whole
 * server's InnoDB row counters, said as such; no log position where the binary log is off.
 */
public class ChangesSinceMariaDbTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static void sampleTables(TestDatabase db) {
        db.execute("CREATE TABLE orders (id INT PRIMARY KEY, note TEXT) ENGINE=InnoDB",
                "CREATE TABLE quiet (id INT PRIMARY KEY) ENGINE=InnoDB",
                "INSERT INTO orders SELECT seq, 'o' FROM seq_1_to_10", "INSERT INTO quiet SELECT seq FROM seq_1_to_10");
    }

    private static String variable(TestDatabase db, String name) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL." + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    public void shouldCountTheWholeServerAndRecordNoLogPositionWhenTheBinaryLogIsOff() throws Exception {
        for (MethodChoice method : new MethodChoice[] {MethodChoice.NATIVE, MethodChoice.JDBC}) {
            try (TestDatabase db = TestServers.newMariaDbDatabase()) {
                assumeFalse("the binary log is on here", "1".equals(variable(db, "log_bin")));
                assumeFalse("user statistics are on here", "1".equals(variable(db, "userstat")));
                sampleTables(db);
                EngineFixture fixture = new EngineFixture(tmp.newFolder().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url(), method));
                Manifest backup = new BackupOperation(fixture.context())
                        .run(new BackupRequest("qa", "orders", null)).manifest();
                ServerPosition position = backup.position();
                assertThat(position.moment()).as(method.name()).isEqualTo(method == MethodChoice.NATIVE
                        ? ServerPosition.MOMENT_BEFORE : ServerPosition.MOMENT_SNAPSHOT);
                assertThat(position.log()).isNull();
                assertThat(position.logPosition()).isNull();
                assertThat(position.counters()).isEqualTo(ServerPosition.COUNTERS_SERVER);
                assertThat(position.notes()).anyMatch(n -> n.contains("binary log is off"));

                db.execute("INSERT INTO orders SELECT seq, 'n' FROM seq_11_to_17", "DELETE FROM orders WHERE id <= 2");

                ChangesSince changes = new ChangesSinceOperation(fixture.context())
                        .run(new ChangesSinceRequest("qa", "orders", backup.id()));
                assertThat(changes.certainty()).isEqualTo(ChangesSince.SERVER_WIDE);
                // Other databases of the shared server may be written meanwhile: these are at least ours.
                assertThat(changes.inserted()).isGreaterThanOrEqualTo(7);
                assertThat(changes.deleted()).isGreaterThanOrEqualTo(2);
                assertThat(changes.logBytes()).isNull();
                assertThat(changes.tables()).isEmpty();
                assertThat(changes.summary()).contains("written on the whole server").endsWith("(server-wide)");
            }
        }
    }

    @Test
    public void shouldCountEachTableExactlyWhereUserStatisticsAreOn() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            String before = variable(db, "userstat");
            db.execute("SET GLOBAL userstat = ON");
            try {
                sampleTables(db);
                EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
                Manifest backup = new BackupOperation(fixture.context())
                        .run(new BackupRequest("qa", "orders", null)).manifest();
                assertThat(backup.position().counters()).isEqualTo(ServerPosition.COUNTERS_TABLE);

                db.execute("INSERT INTO orders SELECT seq, 'n' FROM seq_11_to_15",
                        "UPDATE orders SET note = 'u' WHERE id <= 3", "DELETE FROM orders WHERE id = 10");

                ChangesSince changes = new ChangesSinceOperation(fixture.context())
                        .run(new ChangesSinceRequest("qa", "orders", null));
                assertThat(changes.certainty()).isEqualTo(ChangesSince.EXACT);
                assertThat(changes.rowsWritten()).isEqualTo(9);
                assertThat(changes.inserted()).as("MariaDB counts rows changed per table, not each kind").isNull();
                assertThat(changes.tables()).containsExactly(new TableChanges("orders", null, null, null, 9, null));
            } finally {
                db.execute("SET GLOBAL userstat = " + ("1".equals(before) ? "ON" : "OFF"));
            }
        }
    }
}
