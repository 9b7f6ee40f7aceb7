package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code dbrunbooks copy}: a scratch database for one command, against the PostgreSQL test server. */
public class CopyCommandTest {
    private static final Pattern SCRATCH = Pattern.compile("Scratch database '(orders_copy_[0-9a-f]{4})'");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static String scratchName(Cli.Result result) {
        Matcher m = SCRATCH.matcher(result.err());
        assertThat(m.find()).as(result.toString()).isTrue();
        return m.group(1);
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Cli backedUp(TestDatabase db) throws IOException {
        db.execute("CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items SELECT generate_series(1, 17)");
        Path config = tmp.getRoot().toPath().resolve("dbrunbooks.yaml");
        Files.writeString(config, """
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
                """.formatted(db.url(), TestServers.PG_USER));
        Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
        Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");
        assertThat(backup.exit()).as(backup.toString()).isZero();
        return cli;
    }

    @Test
    public void runsTheCommandOnTheCopyAndDropsItAfterwards() throws Exception {
        ExternalTools.require("psql");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);
            db.execute("DELETE FROM items");

            Cli.Result copy = cli.run("copy", "-e", "qa", "-d", "orders", "--", "sh", "-c",
                    "psql -h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U \"$DB_USER\""
                            + " -d \"${DB_URL##*/}\" -tAc 'SELECT count(*) FROM items'; echo \"url=$DB_URL\"; exit 3");

            assertThat(copy.exit()).as("the command's exit status").isEqualTo(3);
            String scratch = scratchName(copy);
            assertThat(copy.out()).as("the copy holds the backup").startsWith("17" + System.lineSeparator())
                    .contains("url=jdbc:postgresql://").contains("/" + scratch);
            assertThat(copy.err()).contains("Dropped scratch database '" + scratch + "'");
            assertThat(exists(scratch)).isFalse();
            assertThat(Files.readString(tmp.getRoot().toPath().resolve("audit.jsonl")))
                    .contains("\"operation\":\"drop\"");
        }
    }

    @Test
    public void dropsTheCopyWhenTheCommandCannotStart() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);

            Cli.Result copy = cli.run("copy", "-e", "qa", "-d", "orders", "--", "dbrunbooks-no-such-command");

            assertThat(copy.exit()).as(copy.toString()).isEqualTo(2);
            assertThat(copy.err()).contains("Cannot run 'dbrunbooks-no-such-command'");
            assertThat(exists(scratchName(copy))).isFalse();
        }
    }

    @Test
    public void refusesAProtectedEnvironmentWithoutConfirmationBeforeCopying() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);

            Cli.Result copy = cli.run("copy", "-e", "prod", "-d", "orders", "--from-environment", "qa", "--",
                    "true");

            assertThat(copy.exit()).as(copy.toString()).isEqualTo(1);
            assertThat(copy.err()).contains("'prod'").doesNotContain("Scratch database");
        }
    }

    @Test
    public void copiesTheLiveDatabaseForTheCommandWithoutABackup() throws Exception {
        ExternalTools.require("psql");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);
            // Written after the backup: only the live database has it.
            db.execute("INSERT INTO items SELECT generate_series(18, 25)");

            Cli.Result copy = cli.run("copy", "-e", "qa", "-d", "orders", "--from-live", "--", "sh", "-c",
                    "psql -h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U \"$DB_USER\""
                            + " -d \"${DB_URL##*/}\" -tAc 'SELECT count(*) FROM items'");

            assertThat(copy.exit()).as(copy.toString()).isZero();
            String scratch = scratchName(copy);
            assertThat(copy.out()).as("the copy holds the live rows").startsWith("25" + System.lineSeparator());
            assertThat(copy.err()).contains("holds a live copy of 'qa/orders'")
                    .contains("Dropped scratch database '" + scratch + "'");
            assertThat(exists(scratch)).isFalse();
            assertThat(Files.readString(tmp.getRoot().toPath().resolve("audit.jsonl")))
                    .contains("live copy of qa/orders into " + scratch);
        }
    }

    @Test
    public void keepsALiveCopyMadeIntoANamedDatabase() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);
            String name = TestServers.uniqueName();
            try {
                Cli.Result copy = cli.run("copy", "-e", "qa", "-d", "orders", "--from-live", "--target-database",
                        name);

                assertThat(copy.exit()).as(copy.toString()).isZero();
                assertThat(copy.out()).contains("Copied a live copy of 'qa/orders' into new database '" + name
                        + "' of qa");
                assertThat(exists(name)).isTrue();
                try (Connection c = DriverManager.getConnection(TestServers.postgresUrl(name), TestServers.PG_USER,
                        ""); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(17);
                }
                Cli.Result again = cli.run("copy", "-e", "qa", "-d", "orders", "--from-live", "--target-database",
                        name);
                assertThat(again.exit()).as(again.toString()).isNotZero();
                assertThat(again.err()).contains("already exists");
                assertThat(exists(name)).as("the existing database is kept").isTrue();
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void copiesALiveDatabaseOfAnotherEnvironmentWithItsBackupLoginAndTheTargetsRestoreLogin()
            throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Cli cli = backedUp(db);
            String name = TestServers.uniqueName();
            try {
                // prod/orders has no backup login and qa/orders is read with its own: each login is matched by
                // environment and name, not by the name both databases share.
                Cli.Result copy = cli.run("copy", "-e", "prod", "-d", "orders", "--from-environment", "qa",
                        "--from-live", "--confirm", "prod", "--target-database", name);

                assertThat(copy.exit()).as(copy.toString()).isZero();
                assertThat(copy.out()).contains("Copied a live copy of 'qa/orders' into new database '" + name
                        + "' of prod");
                try (Connection c = DriverManager.getConnection(TestServers.postgresUrl(name), TestServers.PG_USER,
                        ""); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(17);
                }
            } finally {
                TestServers.dropPostgres(name);
            }
        }
    }

    @Test
    public void refusesABackupOptionWithALiveCopy() {
        Cli.Result copy = new Cli().run("copy", "-e", "qa", "-d", "orders", "--from-live", "--backup", "latest",
                "--", "true");
        assertThat(copy.exit()).isEqualTo(2);
        assertThat(copy.err()).contains("--backup", "--from-live");
    }

    @Test
    public void refusesACommandWithATargetDatabase() {
        Cli.Result copy = new Cli().run("copy", "-e", "qa", "-d", "orders", "--target-database", "x", "--", "true");
        assertThat(copy.exit()).isEqualTo(2);
        assertThat(copy.err()).contains("--target-database", "COMMAND");
    }

    @Test
    public void needsACommand() {
        Cli.Result copy = new Cli().run("copy", "-e", "qa", "-d", "orders");
        assertThat(copy.exit()).isEqualTo(2);
        assertThat(copy.err()).contains("COMMAND");
    }
}
