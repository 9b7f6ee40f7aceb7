package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.testing.ChildBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** A native backup killed with SIGKILL leaves its password file; the next run removes it and says so. */
public class PostgresKilledNativeBackupTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final Timeout timeout = Timeout.seconds(300);

    @Test
    public void theNextRunRemovesThePasswordFileOfAKilledOne() throws Exception {
        ExternalTools.require("pg_dump");
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, pad TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 300000) g");
            Path root = tmp.getRoot().toPath();
            // The server trusts local logins, so any password works; it makes the run write a password file.
            Process child = ChildBackup.start(root, source.url(), TestServers.PG_USER, MethodChoice.NATIVE,
                    "not-checked");
            ChildBackup.killOnceWritten(child, root.resolve("backups/qa/orders"), 64 * 1024);
            Path work = root.resolve("work");
            List<Path> left = privateDirectories(work);
            assertThat(left).as("the killed run's private directory").hasSize(1);
            assertThat(left.get(0).getFileName().toString()).startsWith("dbrunbooks-pg-" + child.pid() + "-");
            assertThat(left.get(0).resolve("pgpass")).exists();

            EngineFixture next = new EngineFixture(root, DbCredential.of(TestServers.PG_USER, "not-checked"))
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.NATIVE));
            new BackupOperation(next.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(left.get(0)).doesNotExist();
            assertThat(privateDirectories(work)).isEmpty();
            assertThat(next.listener.messages).contains("Removed '" + left.get(0)
                    + "', left behind by a run that was killed");
        }
    }

    private static List<Path> privateDirectories(Path work) throws Exception {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("dbrunbooks-")).toList();
        }
    }
}
