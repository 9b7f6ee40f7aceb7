package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code changes-since} and {@code restore --accept-loss} against the PostgreSQL test server. */
public class ChangesSinceCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldReportWritesSinceABackupAndRefuseAProtectedRollbackUntilTheLossIsAccepted() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items SELECT generate_series(1, 20)");
            Path config = tmp.getRoot().toPath().resolve("dbrunbooks.yaml");
            Files.writeString(config, """
                    auditLog: audit.jsonl
                    environments:
                      - name: prod
                        protected: true
                        backupRoot: backups
                        databases:
                          - name: orders
                            url: %1$s
                            credentials:
                              backup: {user: %2$s}
                              restore: {user: %2$s}
                    """.formatted(db.url(), TestServers.PG_USER));
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
            String id = cli.run("backup", "-e", "prod", "-d", "orders").out().trim();
            db.execute("INSERT INTO items VALUES (21), (22)", "DELETE FROM items WHERE id = 1",
                    "SELECT pg_catalog.pg_stat_force_next_flush()");

            Cli.Result text = cli.run("changes-since", "-e", "prod", "-d", "orders", "--backup", id);
            assertThat(text.exit()).as(text.toString()).isZero();
            assertThat(text.out()).startsWith("3 rows written in 1 table in the ").contains("(exact)")
                    .contains("public.items: inserted 2, updated 0, deleted 1");
            Cli.Result json = cli.run("changes-since", "-e", "prod", "-d", "orders", "--json");
            JsonNode report = ManifestCodec.mapper().readTree(json.out());
            assertThat(report.get("backupId").asText()).isEqualTo(id);
            assertThat(report.get("certainty").asText()).isEqualTo("exact");
            assertThat(report.get("rowsWritten").asLong()).isEqualTo(3);
            assertThat(report.get("tables").get(0).get("table").asText()).isEqualTo("public.items");

            Cli.Result refused = cli.run("restore", "-e", "prod", "-d", "orders", "--backup", id, "--confirm", "prod");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("would throw away what was written since it")
                    .contains("Rolling forward keeps that data").contains("--accept-loss " + id);
            assertThat(count(db)).isEqualTo(21);

            Cli.Result accepted = cli.run("restore", "-e", "prod", "-d", "orders", "--backup", id, "--confirm",
                    "prod", "--accept-loss", id);
            assertThat(accepted.exit()).as(accepted.toString()).isZero();
            assertThat(accepted.out()).contains("Rolled back: 3 rows written in 1 table");
            assertThat(count(db)).isEqualTo(20);
        }
    }

    private static long count(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
