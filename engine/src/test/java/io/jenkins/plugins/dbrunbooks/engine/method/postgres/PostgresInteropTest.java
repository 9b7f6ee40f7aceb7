package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSampleData;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A backup must be restorable with nothing of this project: age, zstd and pg_restore by hand. */
public class PostgresInteropTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreAnEncryptedBackupWithTheRealTools() {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        Path dir = tmp.getRoot().toPath();
        AgeKey key = AgeKey.generate(dir, "restorer");
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            PostgresSampleData.load(source);
            EngineFixture fixture = new EngineFixture(dir, source.login()).environment("qa", false,
                    List.of(key.recipient()), Retention.KEEP_ALL, EngineFixture.database("orders", source.url()));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.payloadLocation()).endsWith(".dump.zst.age");
            assertThat(backup.manifest().encrypted()).isTrue();
            String copy = source.name() + "_byhand";
            try {
                ExternalTools.sh(dir, "createdb -h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U "
                        + TestServers.PG_USER + " " + copy + " && age -d -i restorer.key '" + backup.payloadLocation()
                        + "' | zstd -d -q > plain.dump && pg_restore --exit-on-error -h " + TestServers.PG_HOST
                        + " -p " + TestServers.PG_PORT + " -U " + TestServers.PG_USER + " -d " + copy + " plain.dump");

                assertThat(PostgresSnapshot.of(copy, source)).isEqualTo(PostgresSnapshot.of(source));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }
}
