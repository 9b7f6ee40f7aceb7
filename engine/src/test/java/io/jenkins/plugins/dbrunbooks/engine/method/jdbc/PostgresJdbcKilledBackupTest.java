package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.testing.ChildBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A jdbc backup of PostgreSQL (parallel binary COPY) killed half-way leaves nothing that lists as a backup, and the
 * next command removes its partial files.
 */
public class PostgresJdbcKilledBackupTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldLeaveNothingThatListsWhenTheBackupProcessIsKilled() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, pad TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 400000) g",
                    "CREATE TABLE other (id INT PRIMARY KEY, pad TEXT)",
                    "INSERT INTO other SELECT g, md5(g::text) FROM generate_series(1, 200000) g");
            Path root = tmp.getRoot().toPath();
            Process child = ChildBackup.start(root, source.url(), TestServers.PG_USER);
            Path dir = root.resolve("backups/qa/orders");
            // Killed once it has written part of the payload.
            ChildBackup.killOnceWritten(child, dir, 64 * 1024);
            assertThat(ChildBackup.files(dir)).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
                    .startsWith(".").endsWith("." + child.pid() + ".partial"));
            EngineFixture next = ChildBackup.fixture(root, source.url(), DbCredential.of(TestServers.PG_USER, null));
            assertThat(new Inventory(next.context()).list("qa", "orders")).isEmpty();
            assertThat(ChildBackup.files(dir)).as("the next command removes what the killed one left").isEmpty();
            assertThat(next.listener.messages).anyMatch(m -> m.endsWith("left behind by a backup that was killed"));
        }
    }
}
