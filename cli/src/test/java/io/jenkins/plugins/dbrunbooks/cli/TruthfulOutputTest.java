package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What the commands print and return says exactly what happened, no more. */
public class TruthfulOutputTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli(Path dir, String url, String user, String auditLog, String retention) throws Exception {
        Path file = dir.resolve("dbrunbooks.yaml");
        Files.writeString(file, """
                auditLog: %3$s
                environments:
                  - name: qa
                    backupRoot: backups
                    retention: %4$s
                    databases:
                      - name: orders
                        url: %1$s
                        credentials:
                          backup: {user: %2$s}
                          restore: {user: %2$s}
                """.formatted(url, user, auditLog, retention));
        return new Cli().env("DBRUNBOOKS_CONFIG", file.toString());
    }

    @Test
    public void shouldPrintTheIdOfAStoredBackupAndFailWhenTheAuditLogCannotBeWritten() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Files.writeString(dir.resolve("blocked"), "a file where the audit log's directory should be");
        String url = "jdbc:h2:" + dir.resolve("db/orders").toAbsolutePath();
        Cli cli = cli(dir, url, "sa", "blocked/audit.jsonl", "{keepLast: 2}");

        Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");

        String id = backup.out().trim();
        assertThat(backup.exit()).as(backup.toString()).isEqualTo(1);
        assertThat(id).matches("\\d{8}T\\d{9}Z-[0-9a-f]{4}");
        assertThat(backup.err()).contains("Backup of 'qa/orders' completed (backup " + id + ")",
                "audit event could not be recorded", "The operation itself completed");
        Cli.Result list = cli(dir, url, "sa", "audit.jsonl", "{keepLast: 2}").run("list", "-e", "qa", "-d", "orders");
        assertThat(list.out()).contains(id);
    }

    @Test
    public void shouldShowSafetyBackupsUnreadableManifestsAndTheVerifiedLevel() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY)", "INSERT INTO items VALUES (1), (2)");
            Path dir = tmp.getRoot().toPath();
            Cli cli = cli(dir, db.url(), TestServers.MARIADB_USER, "audit.jsonl",
                    "{keepLast: 1, keepSafetyBackups: 1}");
            String nightly = cli.run("backup", "-e", "qa", "-d", "orders").out().trim();
            Cli.Result restore = cli.run("restore", "-e", "qa", "-d", "orders");
            assertThat(restore.exit()).as(restore.toString()).isZero();
            Cli.Result again = cli.run("restore", "-e", "qa", "-d", "orders");
            assertThat(again.out()).as("latest is the nightly backup, not a safety backup").contains(nightly);
            Path manifests = dir.resolve("backups/qa/orders");
            Files.writeString(manifests.resolve("20200101T000000000Z-beef.manifest.json"), "{ not json");

            Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
            Cli.Result json = cli.run("list", "-e", "qa", "-d", "orders", "--json");
            Cli.Result verify = cli.run("verify", "-e", "qa", "-d", "orders");
            Cli.Result prune = cli.run("prune", "-e", "qa", "-d", "orders");

            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("KIND", "safety", "pre-restore", "UNREADABLE",
                    "UNREADABLE 20200101T000000000Z-beef: ");
            assertThat(list.out().lines().filter(l -> l.contains(" safety ")).count()).isEqualTo(2);
            assertThat(json.out()).contains("\"safetyBackup\" : true", "\"unreadable\" : true");
            assertThat(verify.exit()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("Level: structure", "verified to level 'structure'")
                    .contains(nightly).doesNotContain("Backup is good");
            assertThat(prune.exit()).as(prune.toString()).isZero();
            assertThat(prune.out()).contains("Deleted 1 backup(s)", "kept " + nightly,
                    "left alone 20200101T000000000Z-beef");
            assertThat(manifests.resolve("20200101T000000000Z-beef.manifest.json")).exists();
        }
    }

    @Test
    public void shouldFailPruneWhenNoBackupVerifies() throws Exception {
        Path dir = tmp.getRoot().toPath();
        String url = "jdbc:h2:" + dir.resolve("db/orders").toAbsolutePath();
        Cli cli = cli(dir, url, "sa", "audit.jsonl", "{keepLast: 1}");
        cli.run("backup", "-e", "qa", "-d", "orders");
        cli.run("backup", "-e", "qa", "-d", "orders");
        try (var files = Files.list(dir.resolve("backups/qa/orders"))) {
            for (Path payload : files.filter(f -> f.toString().endsWith(".sql.zst")).toList()) {
                Files.write(payload, new byte[] {0});
            }
        }

        Cli.Result prune = cli.run("prune", "-e", "qa", "-d", "orders");

        assertThat(prune.exit()).as(prune.toString()).isEqualTo(1);
        assertThat(prune.err()).contains("verifies (2 checked); nothing was deleted");
        try (var files = Files.list(dir.resolve("backups/qa/orders"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".manifest.json")).count()).isEqualTo(2);
        }
    }
}
