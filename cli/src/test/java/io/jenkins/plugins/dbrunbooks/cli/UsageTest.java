package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UsageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void missingEnvironmentIsAUsageError() {
        Cli.Result r = new Cli().run("backup", "--database", "orders");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--environment").contains("dbrunbooks backup --help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    public void unknownCommandIsAUsageError() {
        assertThat(new Cli().run("bakup").exit()).isEqualTo(2);
        assertThat(new Cli().run().exit()).isEqualTo(2);
    }

    @Test
    public void helpAndVersionSucceed() {
        Cli.Result help = new Cli().run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("backup", "restore", "copy", "verify", "list", "prune", "inspect",
                "audit-verify");
        assertThat(new Cli().run("--version").out()).startsWith("dbrunbooks ");
    }

    @Test
    public void aRunBuildsOnlyTheCommandItNamesAndHelpOrAMistakeGetsThemAll() {
        TerminalProgress quiet = new TerminalProgress(null, false);
        assertThat(Main.commandLine(new Main(name -> null, quiet, false),
                new String[] {"--config", "list", "--debug", "restore", "-e", "qa"}).getSubcommands())
                .containsOnlyKeys("restore");
        assertThat(Main.commandLine(new Main(name -> null, quiet, false), new String[] {"--config=x.yaml", "list"})
                .getSubcommands()).containsOnlyKeys("list");
        for (String[] args : new String[][] {{}, {"--help"}, {"bakup"}, {"--config", "x.yaml"}}) {
            assertThat(Main.commandLine(new Main(name -> null, quiet, false), args).getSubcommands())
                    .hasSize(11).containsKeys("backup", "restore", "status");
        }
        Cli.Result help = new Cli().run("--config", "x.yaml", "restore", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: dbrunbooks restore").contains("--target-database")
                .contains("--config");
        Cli.Result typo = new Cli().run("bakup");
        assertThat(typo.err()).contains("bakup").contains("backup");
    }

    @Test
    public void labelWithAPathIsRefusedBeforeAnyBackupIsWritten() throws IOException {
        Path dir = tmp.getRoot().toPath();
        Path file = dir.resolve("dbrunbooks.yaml");
        Files.writeString(file, """
                environments:
                  - name: qa
                    backupRoot: backups
                    databases:
                      - name: orders
                        url: jdbc:postgresql://127.0.0.1:1/orders
                        credentials: {backup: {user: postgres}}
                """);
        Cli.Result r = new Cli().run("--config", file.toString(), "backup", "-e", "qa", "-d", "orders",
                "--label", "../x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Label '../x'");
        assertThat(r.out()).isEmpty();
        // Nothing but the audit record of the refusal.
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file, dir.resolve("dbrunbooks-audit.jsonl"));
        }
        assertThat(Files.readString(dir.resolve("dbrunbooks-audit.jsonl"))).contains("\"REFUSED\"")
                .contains("Label");
    }

    @Test
    public void noStackTraceUnlessDebug() {
        Path missing = tmp.getRoot().toPath().resolve("x.manifest.json");
        Cli.Result r = new Cli().run("inspect", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("dbrunbooks: ").doesNotContain("\tat ");
        Cli.Result debug = new Cli().run("inspect", "--debug", missing.toString());
        assertThat(debug.err()).contains("\tat ");
    }
}
