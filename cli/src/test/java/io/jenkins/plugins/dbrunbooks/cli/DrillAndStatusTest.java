package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A drill on a configured drill server and the status it brings, through the command, on the real server. */
public class DrillAndStatusTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static long scratchDatabases() throws Exception {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname LIKE 'drillserver_copy_drill_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    public void shouldDrillOnTheDrillServerAndReportTargetsMetAndMissed() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                    "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
            Path dir = tmp.getRoot().toPath();
            Path config = dir.resolve("dbrunbooks.yaml");
            Files.writeString(config, """
                    auditLog: audit.jsonl
                    environments:
                      - name: qa
                        backupRoot: backups/qa
                        drillTarget: drills/drillserver
                        targets: {maxBackupAge: 26h, maxDrillAge: 8d, maxRestoreTime: 30m}
                        databases:
                          - name: orders
                            url: %1$s
                            credentials:
                              backup: {user: %2$s}
                          - name: unused
                            url: %1$s
                            targets: {maxBackupAge: 1h}
                      - name: drills
                        backupRoot: backups/drills
                        databases:
                          - name: drillserver
                            url: %3$s
                            credentials:
                              restore: {user: %2$s}
                    """.formatted(db.url(), TestServers.PG_USER, TestServers.postgresUrl("postgres")));
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());

            Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            String id = backup.out().trim();
            Cli.Result before = cli.run("status", "-e", "qa");
            assertThat(before.exit()).as(before.toString()).isEqualTo(1);
            assertThat(before.out()).contains("no drill yet; the target is one every 8d")
                    .contains("unused").contains("never");

            Cli.Result drill = cli.run("drill", "-e", "qa", "-d", "orders");
            assertThat(drill.exit()).as(drill.toString()).isZero();
            assertThat(drill.out()).contains("on 'drills/drillserver'").contains("PASSED  table public.items")
                    .contains("Drill of backup " + id + " passed");
            assertThat(scratchDatabases()).isZero();

            Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
            assertThat(list.out()).contains("PROVEN").contains("restored and checked");
            JsonNode listed = ManifestCodec.mapper().readTree(cli.run("list", "-e", "qa", "-d", "orders", "--json")
                    .out());
            assertThat(listed.get(0).get("proven").asText()).isEqualTo("checked");
            assertThat(listed.get(0).get("lastDrill").get("state").asText()).isEqualTo("PASSED");
            assertThat(listed.get(0).get("fingerprints").get("tables").get("public.items").get("rows").asLong())
                    .isEqualTo(100);

            Path prom = dir.resolve("dbrunbooks.prom");
            Cli.Result all = cli.run("status", "--prometheus", prom.toString());
            assertThat(all.exit()).as(all.toString()).isEqualTo(1);
            assertThat(all.out()).containsPattern("qa +orders +" + id + " .*ok").doesNotContain("data not checked");
            assertThat(all.out()).containsPattern("qa +unused .*never +no backup yet");
            assertThat(Files.readString(prom))
                    .contains("dbrunbooks_target_missed{environment=\"qa\",database=\"orders\"} 0")
                    .contains("dbrunbooks_target_missed{environment=\"qa\",database=\"unused\"} 1")
                    .contains("dbrunbooks_target_backup_age_seconds{environment=\"qa\",database=\"unused\"} 3600");
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));

            String unused = """
                          - name: unused
                            url: %s
                            targets: {maxBackupAge: 1h}
                    """.formatted(db.url());
            assertThat(Files.readString(config)).contains(unused);
            Files.writeString(config, Files.readString(config).replace(unused, ""));
            Cli.Result met = cli.run("status", "-e", "qa", "--json");
            assertThat(met.exit()).as(met.toString()).isZero();
            JsonNode status = ManifestCodec.mapper().readTree(met.out());
            assertThat(status.get("databases")).hasSize(1);
            assertThat(status.get("databases").get(0).get("state").asText()).isEqualTo("OK");
            assertThat(status.get("databases").get(0).get("observed").get("newestBackupId").asText()).isEqualTo(id);
            assertThat(status.get("databases").get(0).get("observed").get("drillCheckedData").asBoolean()).isTrue();

            String audit = Files.readString(dir.resolve("audit.jsonl"));
            assertThat(audit).contains("\"operation\":\"drill\"");
        }
    }
}
