package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ChildBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * The {@code dbrunbooks} command killed with SIGKILL in the middle of an encrypted PostgreSQL restore, as a lost
 * agent or an impatient operator does: its tools end with it, and the next command on the database removes the
 * decrypted working copy and drops the half-loaded copy beside the target, saying so.
 */
public class KilledRunTest {
    private static final int ROWS = 400_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    @Test
    public void aRestoreKilledWhilePgRestoreLoadsLeavesNothingTheNextRunDoesNotClean() throws Exception {
        killedRestore(true);
    }

    @Test
    public void aRestoreKilledWhileTheBackupIsDecryptedLeavesNoPlaintextPastTheNextRun() throws Exception {
        killedRestore(false);
    }

    private void killedRestore(boolean duringLoad) throws Exception {
        ExternalTools.require("pg_restore");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE big (id INT PRIMARY KEY, pad TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, " + ROWS + ") g");
            Path dir = tmp.getRoot().toPath();
            AgeKey key = AgeKey.generate(dir, "restorer");
            Path config = writeConfig(dir, db.url(), key.recipient());
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
            Cli.Result backup = cli.run("backup", "-e", "qa", "-d", "orders");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            String id = backup.out().trim();
            db.execute("DELETE FROM big WHERE id > 10");

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config",
                    config.toString(), "restore", "-e", "qa", "-d", "orders", "--backup", id, "--identity",
                    key.identityFile().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path work = dir.resolve("work");
            List<ProcessHandle> tools;
            try {
                if (duringLoad) {
                    Eventually.until("pg_restore loading", () -> child.descendants()
                            .anyMatch(p -> p.info().command().orElse("").endsWith("pg_restore")),
                            () -> child.isAlive() ? null : "the restore ended before it was killed");
                } else {
                    // The loader takes every row as it streams by: what is written decrypted is the archive's
                    // table of contents, which pg_restore reads the schema from.
                    Eventually.until("the decrypted table of contents being written", () -> stagedSize(work) > 0,
                            () -> child.isAlive() ? null : "the restore ended before it was killed");
                }
                tools = child.descendants().toList();
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            Eventually.until("the killed command's tools to end", () -> tools.stream().noneMatch(ProcessHandle::isAlive));

            Path staged = single(work, "dbrunbooks-restore-" + child.pid() + "-");
            Path payload = staged.resolve("payload");
            assertThat(payload).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(payload))).isEqualTo("rw-------");
            // While the backup is decrypted the copy beside the target may not have been created yet.
            List<String> copies = copiesBeside(db);
            assertThat(copies).as("the copy beside the target").hasSize(duringLoad ? 1 : copies.size())
                    .hasSizeLessThanOrEqualTo(1);

            Cli.Result list = cli.run("list", "-e", "qa", "-d", "orders");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.all()).contains("Removed '" + staged + "', left behind by a run that was killed");
            assertThat(staged).doesNotExist();

            Cli.Result again = cli.run("restore", "-e", "qa", "-d", "orders", "--backup", id, "--identity",
                    key.identityFile().toString());
            assertThat(again.exit()).as(again.toString()).isZero();
            for (String copy : copies) {
                assertThat(list.all()).contains("A run that was killed left database '" + copy + "'");
                assertThat(again.all()).contains("Dropped database '" + copy + "'");
            }
            assertThat(copiesBeside(db)).isEmpty();
            assertThat(Queries.rows(db.url(), TestServers.PG_USER, "SELECT COUNT(*) FROM big"))
                    .containsExactly(Integer.toString(ROWS));
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dbrunbooks-")))
                        .as("nothing of either run left in the working directory").isEmpty();
            }
        }
    }

    /** A native backup killed while pg_dump writes: pg_dump ends, the next command removes the partial files. */
    @Test
    public void aBackupKilledWhilePgDumpWritesLeavesNothingTheNextCommandDoesNotRemove() throws Exception {
        ExternalTools.require("pg_dump");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE big (id INT PRIMARY KEY, pad TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, " + ROWS + ") g");
            Path dir = tmp.getRoot().toPath();
            AgeKey key = AgeKey.generate(dir, "restorer");
            Path config = writeConfig(dir, db.url(), key.recipient());
            Path store = dir.resolve("backups/qa/orders");

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config",
                    config.toString(), "backup", "-e", "qa", "-d", "orders").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            List<ProcessHandle> tools;
            try {
                Eventually.until("pg_dump writing", () -> child.descendants()
                        .anyMatch(p -> p.info().command().orElse("").endsWith("pg_dump"))
                        && ChildBackup.largestFile(store) > 64 * 1024,
                        () -> child.isAlive() ? null : "the backup ended before it was killed");
                tools = child.descendants().toList();
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            Eventually.until("the killed command's tools to end", () -> tools.stream().noneMatch(ProcessHandle::isAlive));
            List<Path> partials = ChildBackup.files(store);
            assertThat(partials).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
                    .startsWith(".").endsWith("." + child.pid() + ".partial"));

            Cli.Result list = new Cli().env("DBRUNBOOKS_CONFIG", config.toString()).run("list", "-e", "qa", "-d",
                    "orders");
            assertThat(list.exit()).as(list.toString()).isZero();
            for (Path partial : partials) {
                assertThat(list.all()).contains("Removed '" + partial + "', left behind by a backup that was killed");
            }
            assertThat(ChildBackup.files(store)).isEmpty();
            try (Stream<Path> left = Files.list(dir.resolve("work"))) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dbrunbooks-")))
                        .as("the killed run's password file went too").isEmpty();
            }
        }
    }

    /** A scratch copy in use when {@code copy} is killed is dropped by the next copy of the database. */
    @Test
    public void aCopyKilledWhileItsCommandRunsIsDroppedByTheNextCopy() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            Path dir = tmp.getRoot().toPath();
            AgeKey key = AgeKey.generate(dir, "restorer");
            // Configured under the server's own unique name, so the copy (<name>_copy_<hex>) is this test's alone.
            String name = db.name();
            Path config = writeConfig(dir, db.url(), key.recipient(), name);
            Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
            Cli.Result backup = cli.run("backup", "-e", "qa", "-d", name);
            assertThat(backup.exit()).as(backup.toString()).isZero();

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config",
                    config.toString(), "copy", "-e", "qa", "-d", name, "--identity",
                    key.identityFile().toString(), "--", "sleep", "120").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ProcessHandle command;
            try {
                command = Eventually.value("the command running on the copy", () -> child.descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("sleep")).findFirst().orElse(null),
                        () -> child.isAlive() ? null : "the copy ended before it was killed");
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            // The user's command is the user's; this test started it, so it ends it.
            command.destroyForcibly();
            List<String> copies = copiesBeside(db);
            assertThat(copies).as("the scratch copy in use").hasSize(1);

            Cli.Result list = cli.run("list", "-e", "qa", "-d", name);
            assertThat(list.all()).contains("A run that was killed left database '" + copies.get(0) + "'");
            Cli.Result again = cli.run("copy", "-e", "qa", "-d", name, "--identity",
                    key.identityFile().toString(), "--", "true");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.all()).contains("Dropped database '" + copies.get(0) + "'");
            assertThat(copiesBeside(db)).isEmpty();
        }
    }

    private static List<String> copiesBeside(TestDatabase db) {
        return Queries.rows(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "SELECT datname FROM pg_database WHERE datname LIKE '" + db.name() + "\\_%'");
    }

    private static long stagedSize(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(work)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("dbrunbooks-restore-")).toList()) {
                Path payload = d.resolve("payload");
                if (Files.exists(payload)) {
                    return Files.size(payload);
                }
            }
        }
        return 0;
    }

    private static Path single(Path work, String prefix) throws IOException {
        try (Stream<Path> dirs = Files.list(work)) {
            List<Path> found = dirs.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(prefix + "*").hasSize(1);
            return found.get(0);
        }
    }

    private static Path writeConfig(Path dir, String url, String recipient) throws IOException {
        return writeConfig(dir, url, recipient, "orders");
    }

    private static Path writeConfig(Path dir, String url, String recipient, String name) throws IOException {
        Path file = dir.resolve("dbrunbooks.yaml");
        Files.writeString(file, """
                workDir: work
                auditLog: audit.jsonl
                environments:
                  - name: qa
                    backupRoot: backups
                    ageRecipients: [%3$s]
                    databases:
                      - name: %4$s
                        url: %1$s
                        method: native
                        credentials:
                          backup: {user: %2$s}
                          restore: {user: %2$s}
                """.formatted(url, TestServers.PG_USER, recipient, name));
        return file;
    }
}
