package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code inspect} of a jdbc backup reads the schema at the head of its payload, also through age. */
public class JdbcInspectTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldShowTheTablesRowsSequencesViewsAndWhatAPartialBackupLeavesOut() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                            + " price DECIMAL(10,2))",
                    "INSERT INTO items (name, price) SELECT CONCAT('item ', seq), seq FROM seq_1_to_250",
                    "CREATE TABLE `Order Lines` (id INT PRIMARY KEY, item_id INT NOT NULL,"
                            + " FOREIGN KEY (item_id) REFERENCES items (id))",
                    "INSERT INTO `Order Lines` VALUES (1, 5)",
                    "CREATE TABLE empty_one (x INT)",
                    "CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10",
                    "CREATE PROCEDURE touch() BEGIN END",
                    "CREATE TABLE prices (id INT PRIMARY KEY) WITH SYSTEM VERSIONING");
            Path dir = tmp.getRoot().toPath();
            AgeKey key = AgeKey.generate(dir, "inspect");
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", writeConfig(dir, db.url(), key.recipient()).toString());
            Cli.Result plain = cli.run("backup", "-e", "qa", "-d", "orders");
            assertThat(plain.exit()).as(plain.toString()).isZero();
            Cli.Result sealed = cli.run("backup", "-e", "sealed", "-d", "orders");
            assertThat(sealed.exit()).as(sealed.toString()).isZero();

            // No configuration: inspect works on the file alone, given the manifest or the payload.
            for (Path file : new Path[] {manifest(dir, plain.out().trim()), payload(dir, plain.out().trim())}) {
                Cli.Result r = new Cli().run("inspect", file.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
                assertThat(r.out()).contains("Method      jdbc", "Source      mariadb 10.", "Tables      3\n")
                        .containsPattern("items +3 columns +250 rows")
                        .containsPattern("Order Lines +2 columns +1 row\n")
                        .containsPattern("empty_one +1 column +0 rows")
                        .containsPattern("Sequences   items_id_seq at \\d+ \\(for items.id\\)")
                        .contains("Views       none")
                        .contains("As written  procedure touch, view cheap")
                        .contains("Not carried system-versioned table prices")
                        .contains("Partial     leaves out system-versioned table prices");
            }
            Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("CONTENTS", "partial (1 left out)");

            Path encrypted = manifest(dir, sealed.out().trim());
            Cli.Result locked = new Cli().run("inspect", encrypted.toString());
            assertThat(locked.exit()).as(locked.toString()).isZero();
            assertThat(locked.out()).contains("encryption age", "encrypted; give --identity FILE")
                    .doesNotContain("items");
            Cli.Result opened = new Cli().run("inspect", "--identity", key.identityFile().toString(),
                    encrypted.toString());
            assertThat(opened.exit()).as(opened.toString()).isZero();
            assertThat(opened.out()).containsPattern("items +3 columns +250 rows").contains("view cheap");

            AgeKey other = AgeKey.generate(dir, "other");
            Cli.Result wrong = new Cli().run("inspect", "--identity", other.identityFile().toString(),
                    encrypted.toString());
            assertThat(wrong.exit()).as(wrong.toString()).isNotZero();
            assertThat(wrong.err()).contains("cannot be decrypted");
        }
    }

    @Test
    public void shouldInspectACopyAwayFromItsStoreAndReadNothingOutsideItsDirectory() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40))",
                    "INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_40");
            Path dir = tmp.getRoot().toPath();
            Path config = dir.resolve("dbrunbooks.yaml");
            Files.writeString(config, """
                    environments:
                      - name: qa
                        backupRoot: backups/qa
                        databases:
                          - name: orders
                            url: %s
                            method: jdbc
                            credentials:
                              backup: {user: %s}
                    """.formatted(db.url(), TestServers.MARIADB_USER));
            Cli.Result backup = new Cli().env("DBRUNBOOKS_CONFIG", config.toString())
                    .run("backup", "-e", "qa", "-d", "orders");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            String id = backup.out().trim();
            Path found = Files.createDirectory(dir.resolve("found"));
            Path manifest = Files.copy(manifest(dir, id), found.resolve(id + ".manifest.json"));
            Path payload = Files.copy(payload(dir, id), found.resolve(id + ".dbrj.zst"));

            for (Path file : new Path[] {manifest, payload}) {
                Cli.Result r = new Cli().run("inspect", file.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
                assertThat(r.out()).contains("Backup      " + id, "Tables      1\n")
                        .containsPattern("items +2 columns +40 rows");
            }

            Path elsewhere = Files.move(payload, Files.createDirectory(dir.resolve("elsewhere")).resolve("p"));
            Files.createSymbolicLink(payload, elsewhere);
            Cli.Result linked = new Cli().run("inspect", manifest.toString());
            assertThat(linked.exit()).as(linked.toString()).isNotZero();
            assertThat(linked.out()).contains("Backup      " + id);
            assertThat(linked.err()).contains("is not a regular file inside the backup store");
        }
    }

    /** The columns holding values another engine cannot hold, so that a restore into it is refused, are named. */
    @Test
    public void shouldNameTheColumnsWhoseValuesOnlySomeEnginesHold() throws Exception {
        try (TestDatabase maria = TestServers.newMariaDbDatabase();
                TestDatabase postgres = TestServers.newPostgresDatabase()) {
            maria.execute("SET SESSION sql_mode = ''", "CREATE TABLE dues (id INT PRIMARY KEY, due DATE)",
                    "INSERT INTO dues VALUES (1, '2024-01-31'), (2, '0000-00-00')");
            postgres.execute("CREATE TABLE readings (id int PRIMARY KEY, value float8, at timestamp)",
                    "INSERT INTO readings VALUES (1, 'NaN', '2024-01-01'), (2, 1.5, 'infinity')");
            Path dir = tmp.getRoot().toPath();
            Path config = dir.resolve("dbrunbooks.yaml");
            Files.writeString(config, """
                    environments:
                      - name: qa
                        backupRoot: backups/qa
                        databases:
                          - name: maria
                            url: %s
                            method: jdbc
                            credentials:
                              backup: {user: %s}
                          - name: pg
                            url: %s
                            method: jdbc
                            credentials:
                              backup: {user: %s}
                    """.formatted(maria.url(), TestServers.MARIADB_USER, postgres.url(), TestServers.PG_USER));
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
            Cli.Result fromMaria = cli.run("backup", "-e", "qa", "-d", "maria");
            assertThat(fromMaria.exit()).as(fromMaria.toString()).isZero();
            Cli.Result fromPostgres = cli.run("backup", "-e", "qa", "-d", "pg");
            assertThat(fromPostgres.exit()).as(fromPostgres.toString()).isZero();

            Cli.Result ofMaria = new Cli().run("inspect", manifest(dir, fromMaria.out().trim()).toString());
            assertThat(ofMaria.exit()).as(ofMaria.toString()).isZero();
            assertThat(ofMaria.out()).containsPattern("Only into   mariadb: column due of \\S*dues holds dates with a"
                    + " zero month or day\n").doesNotContain("Not into");
            Cli.Result ofPostgres = new Cli().run("inspect", manifest(dir, fromPostgres.out().trim()).toString());
            assertThat(ofPostgres.exit()).as(ofPostgres.toString()).isZero();
            assertThat(ofPostgres.out())
                    .containsPattern("Only into   postgresql: column at of \\S*readings holds dates or timestamps"
                            + " of infinity")
                    .containsPattern("Not into    mariadb: column value of \\S*readings holds real or double"
                            + " precision values NaN");
        }
    }

    private static Path manifest(Path dir, String id) throws IOException {
        return find(dir, id + ".manifest.json");
    }

    private static Path payload(Path dir, String id) throws IOException {
        return find(dir, id + ".dbrj.zst");
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("backups"))) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    private static Path writeConfig(Path dir, String url, String recipient) throws IOException {
        Path file = dir.resolve("dbrunbooks.yaml");
        Files.writeString(file, """
                environments:
                  - name: qa
                    backupRoot: backups/qa
                    databases:
                      - name: orders
                        url: %1$s
                        method: jdbc
                        allowPartial: true
                        credentials:
                          backup: {user: %2$s}
                  - name: sealed
                    backupRoot: backups/sealed
                    ageRecipients: [%3$s]
                    databases:
                      - name: orders
                        url: %1$s
                        method: jdbc
                        allowPartial: true
                        credentials:
                          backup: {user: %2$s}
                """.formatted(url, TestServers.MARIADB_USER, recipient));
        return file;
    }
}
