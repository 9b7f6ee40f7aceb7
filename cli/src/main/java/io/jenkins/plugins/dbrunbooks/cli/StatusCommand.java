package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.status.DatabaseStatus;
import io.jenkins.plugins.dbrunbooks.engine.status.Observed;
import io.jenkins.plugins.dbrunbooks.engine.status.PrometheusText;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusEvaluator;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusOperation;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every configured database with its newest backup and its age, its newest drill, the",
            "measured restore time and a state: ok, late (a target missed), failed (the newest drill failed) or",
            "never (no backup); '(data not checked)' follows a drill that proved the restore but could not compare",
            "the data (the backup was taken with data fingerprints turned off). Reads the backup stores only. Exits",
            "1 when any database is not ok."})
final class StatusCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ENVIRONMENT", "DATABASE", "NEWEST BACKUP", "AGE", "NEWEST DRILL",
        "DRILL AGE", "RESTORE TIME", "STATE", "WHY"};

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-e", "--environment"}, paramLabel = "ENV",
            description = "Only this environment's databases (default: every environment).")
    String environment;

    @Option(names = "--json", description = "Print the table as JSON: 'at' and one entry per database.")
    boolean json;

    @Option(names = "--prometheus", paramLabel = "FILE",
            description = {"Also write the table in the Prometheus text format to FILE, replaced atomically, for",
                "node_exporter's textfile collector (name it *.prom in the collector's directory)."})
    Path prometheus;

    @Override
    public Integer call() throws IOException {
        StatusReport report = new StatusOperation(main.context()).run(environment);
        if (prometheus != null) {
            writeAtomically(prometheus, PrometheusText.of(report));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ManifestCodec.mapper().writeValueAsString(report));
        } else {
            table(report, out);
        }
        return report.targetMissed() ? ErrorReporter.FAILED : 0;
    }

    private static void table(StatusReport report, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DatabaseStatus s : report.databases()) {
            rows.add(new String[] {s.environment(), s.database(), Formats.orDash(s.observed().newestBackupId()),
                s.backupAge() == null ? "-" : StatusEvaluator.human(s.backupAge()) + of(s.targets().maxBackupAge()),
                newestDrill(s),
                s.drillAge() == null ? "-" : StatusEvaluator.human(s.drillAge()) + of(s.targets().maxDrillAge()),
                s.observed().restoreTime() == null ? "-" : StatusEvaluator.human(s.observed().restoreTime())
                        + of(s.targets().maxRestoreTime()),
                s.state().id(), s.missed().isEmpty() ? "-" : String.join("; ", s.missed())});
        }
        Formats.table(rows, out);
    }

    /** "passed ID", "FAILED ID", or "passed ID (data not checked)" where only the restore was proven. */
    static String newestDrill(DatabaseStatus s) {
        Observed seen = s.observed();
        if (seen.newestDrillAt() == null) {
            return "-";
        }
        return (seen.drillPassed() ? "passed " : "FAILED ") + seen.drillBackupId()
                + (seen.drillPassed() && !seen.drillCheckedData() ? " (data not checked)" : "");
    }

    private static String of(java.time.Duration target) {
        return target == null ? "" : " (max " + RecoveryTargets.format(target) + ")";
    }

    /** A collector reading the file mid-write would see half a table: write beside it, then rename over it. */
    private static void writeAtomically(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new RunbookException(ErrorKind.STORAGE, "Cannot write '" + file + "': " + e.getMessage(),
                    "Give a file in a directory this user may write to.", e);
        }
    }
}
