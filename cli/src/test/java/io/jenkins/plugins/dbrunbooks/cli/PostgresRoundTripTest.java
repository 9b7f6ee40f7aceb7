package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The whole life of a backup through the command, against the PostgreSQL test server. */
public class PostgresRoundTripTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void backupListVerifyRestoreInspectAndAudit() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 250) g");
            Path dir = tmp.getRoot().toPath();
            Path config = writeConfig(dir, db.url());
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
            String copy = TestServers.uniqueName();
            String refused = TestServers.uniqueName();
            try {
                Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders", "--label", "before-test");
                assertThat(backup.exit()).as(backup.toString()).isZero();
                String id = backup.out().trim();
                assertThat(backup.out()).isEqualTo(id + System.lineSeparator());
                assertThat(id).matches("\\d{8}T\\d{9}Z-[0-9a-f]{4}");
                assertThat(backup.err()).contains(id);

                Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
                assertThat(list.exit()).as(list.toString()).isZero();
                assertThat(list.out()).contains("ID", "STARTED (UTC)", id, "before-test", "none");
                Cli.Result json = cli.run("list", "-e", "qa", "-d", "orders", "--json");
                assertThat(json.out().trim()).startsWith("[").endsWith("]").contains(id).contains("sha256");

                Cli.Result verify = cli.run("verify", "-e", "qa", "-d", "orders", "--backup", id);
                assertThat(verify.exit()).as(verify.toString()).isZero();
                assertThat(verify.out()).contains("PASSED  checksum").doesNotContain("FAILED");

                Cli.Result restore = cli.run("restore", "-e", "qa", "-d", "orders", "--target-database", copy);
                assertThat(restore.exit()).as(restore.toString()).isZero();
                assertThat(restore.out().lines()).hasSize(1);
                assertThat(restore.out()).contains(id, copy);
                assertThat(rows(TestServers.postgresUrl(copy))).isEqualTo(rows(db.url())).hasSize(250);

                Cli.Result prune = cli.run("prune", "-e", "qa", "-d", "orders", "--dry-run", "--keep-last", "1");
                assertThat(prune.exit()).as(prune.toString()).isZero();
                assertThat(prune.out()).contains("Would delete 0", "kept " + id + " (newest verified");

                Cli.Result protectedRestore = cli.run("restore", "-e", "prod", "-d", "orders",
                        "--from-environment", "qa", "--target-database", refused);
                assertThat(protectedRestore.exit()).as(protectedRestore.toString()).isEqualTo(1);
                assertThat(protectedRestore.err()).contains("'prod'").contains("--confirm prod");
                assertThat(exists(refused)).isFalse();

                inspect(dir, id);
                audit(dir.resolve("audit.jsonl"));
            } finally {
                TestServers.dropPostgres(copy);
                TestServers.dropPostgres(refused);
            }
        }
    }

    private static void inspect(Path dir, String id) throws IOException {
        Path manifest;
        try (Stream<Path> files = Files.walk(dir.resolve("backups"))) {
            manifest = files.filter(f -> f.getFileName().toString().equals(id + ".manifest.json")).findFirst()
                    .orElseThrow();
        }
        // No configuration anywhere: inspect works on the file alone.
        Cli.Result r = new Cli().run("inspect", manifest.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains(id, "before-test", "qa/orders", "postgresql", "SHA-256");
        Cli.Result json = new Cli().run("inspect", "--json", manifest.toString());
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"formatVersion\"", id);
    }

    private static void audit(Path log) throws IOException {
        Cli.Result intact = new Cli().run("audit-verify", log.toString());
        List<String> lines = Files.readAllLines(log);
        assertThat(intact.exit()).as(intact.toString()).isZero();
        assertThat(intact.out().trim()).isEqualTo(lines.size() + " events, chain intact");
        assertThat(lines.size()).isGreaterThanOrEqualTo(5);

        lines.remove(2);
        Files.write(log, lines);
        Cli.Result broken = new Cli().run("audit-verify", log.toString());
        assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).contains("Line 3");
    }

    private static Path writeConfig(Path dir, String url) throws IOException {
        Path file = dir.resolve("dbrunbooks.yaml");
        Files.writeString(file, """
                auditLog: audit.jsonl
                environments:
                  - name: qa
                    backupRoot: backups/qa
                    databases:
                      - name: orders
                        url: %1$s
                        credentials:
                          backup: {user: %2$s}
                          restore: {user: %2$s}
                  - name: prod
                    protected: true
                    backupRoot: backups/prod
                    databases:
                      - name: orders
                        url: %1$s
                        credentials:
                          restore: {user: %2$s}
                """.formatted(url, TestServers.PG_USER));
        return file;
    }

    private static List<String> rows(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, TestServers.PG_USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name FROM items ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
