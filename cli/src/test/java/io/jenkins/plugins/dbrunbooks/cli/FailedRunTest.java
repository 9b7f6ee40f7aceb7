package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A backup that fails says so once, in our words, and leaves no trace in the store. */
public class FailedRunTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aBackupOfAMissingMariaDbDatabaseLeavesNoDirectoriesAndNoDriverLogLines() throws Exception {
        String url = TestServers.mariaDbUrl("missing_" + TestServers.uniqueName());
        TestServers.requireServer("MariaDB", TestServers.mariaDbUrl("mysql"), TestServers.MARIADB_USER);
        Path dir = tmp.getRoot().toPath();
        Path config = dir.resolve("dbrunbooks.yaml");
        Files.writeString(config, """
                environments:
                  - name: qa
                    backupRoot: backups
                    databases:
                      - name: shop
                        url: %s
                        method: jdbc
                        credentials:
                          backup: {user: %s}
                """.formatted(url, TestServers.MARIADB_USER));

        // The driver logs to the process's standard error from wherever it is first loaded, so the command runs
        // in a process of its own, as it does for a user.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString(), "backup",
                "-e", "qa", "-d", "shop").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();

        assertThat(exit).as(output).isNotZero();
        assertThat(output).contains("does not exist").doesNotContain("[ WARN]", "(main)");
        assertThat(dir.resolve("backups/qa/shop")).doesNotExist();
        assertThat(dir.resolve("backups/qa")).doesNotExist();
    }
}
