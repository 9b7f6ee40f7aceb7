package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code fingerprints: false} on a database, on the real PostgreSQL server: backups without, drills that say so. */
public class FingerprintsOffTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli(TestDatabase db, String method) throws Exception {
        Path config = tmp.getRoot().toPath().resolve("dbrunbooks.yaml");
        Files.writeString(config, """
                auditLog: audit.jsonl
                environments:
                  - name: qa
                    backupRoot: backups/qa
                    databases:
                      - name: orders
                        url: %1$s
                        method: %3$s
                        fingerprints: false
                        credentials:
                          backup: {user: %2$s}
                          restore: {user: %2$s}
                """.formatted(db.url(), TestServers.PG_USER, method));
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g");
        return new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
    }

    @Test
    public void shouldTakeANativeBackupWithoutFingerprintsAndProveOnlyItsRestore() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = cli(db, "native");

            Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            assertThat(backup.err() + backup.out()).contains("Data fingerprints are turned off for this database");
            JsonNode listed = ManifestCodec.mapper().readTree(cli.run("list", "-e", "qa", "-d", "orders", "--json")
                    .out());
            assertThat(listed.get(0).has("fingerprints")).isFalse();
            assertThat(listed.get(0).get("fingerprintsOff").asBoolean()).isTrue();
            assertThat(listed.get(0).get("warnings").toString()).contains(Manifest.FINGERPRINTS_OFF);

            Cli.Result drill = cli.run("drill", "-e", "qa", "-d", "orders");
            assertThat(drill.exit()).as(drill.toString()).isZero();
            assertThat(drill.out()).contains("data check limited: fingerprints were turned off")
                    .contains("only the restore was proven").contains("turned off for this database");

            Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
            assertThat(list.out()).contains("restored (fingerprints off)").doesNotContain("restored and checked");
            Cli.Result status = cli.run("status", "-e", "qa");
            assertThat(status.out()).as(status.toString()).contains("(data not checked)");
            JsonNode statusJson = ManifestCodec.mapper().readTree(cli.run("status", "-e", "qa", "--json").out());
            assertThat(statusJson.get("databases").get(0).get("observed").get("drillCheckedData").asBoolean())
                    .isFalse();
        }
    }

    @Test
    public void shouldCompareTheRowCountsOfAJdbcBackupWithoutFingerprints() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = cli(db, "jdbc");
            Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");
            assertThat(backup.exit()).as(backup.toString()).isZero();

            Cli.Result drill = cli.run("drill", "-e", "qa", "-d", "orders");

            assertThat(drill.exit()).as(drill.toString()).isZero();
            assertThat(drill.out()).contains("row counts compared").contains("rows public.items")
                    .doesNotContain("PASSED  table public.items");
            JsonNode listed = ManifestCodec.mapper().readTree(cli.run("list", "-e", "qa", "-d", "orders", "--json")
                    .out());
            assertThat(listed.get(0).get("proven").asText()).isEqualTo("restored");
        }
    }
}
