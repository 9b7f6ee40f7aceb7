package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.inventory.LooseBackup;
import io.jenkins.plugins.dbrunbooks.engine.inventory.ManualRestore;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotContents;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ViewDef;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Needs no configuration: a backup found on a disk must be understandable on its own. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows what a backup file holds, from its manifest and, for a jdbc backup, the schema at the"
                + " head of its payload; needs no configuration.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A backup's .manifest.json or its payload file.")
    Path file;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "age identity file, to read the schema of an encrypted jdbc backup.")
    Path identity;

    @Override
    public Integer call() {
        LooseBackup loose = Inventory.inspect(file);
        Manifest m = loose.manifest();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ManifestCodec.write(m), StandardCharsets.UTF_8));
            return 0;
        }
        Manifest.Payload p = m.payload();
        out.println("Backup      " + m.id() + (m.label() == null ? "" : " (" + m.label() + ")")
                + (m.safetyBackup() ? ", a safety backup taken before an in-place restore" : ""));
        out.println("Database    " + m.environment() + "/" + m.database() + ", " + m.engine() + " "
                + Formats.orDash(m.serverVersion()));
        out.println("Method      " + m.method() + " with " + Formats.orDash(m.tool()) + " "
                + Formats.orDash(m.toolVersion()));
        out.println("Taken       " + Formats.utc(m.startedAt()) + " UTC, in " + m.duration().toSeconds() + "s, by "
                + Formats.orDash(m.createdBy()) + (m.build() == null ? "" : " (" + m.build() + ")"));
        out.println("Payload     " + p.file() + ", " + Bytes.human(p.size()) + " (" + Bytes.human(m.rawSize())
                + " before compression)");
        out.println("SHA-256     " + p.sha256());
        out.println("Layers      compression " + p.compression() + ", encryption "
                + (m.encrypted() ? p.encryption() + " for " + String.join(", ", p.recipientFingerprints()) : "none"));
        out.println("By hand     " + ManualRestore.command(m));
        if (m.partial()) {
            out.println("Partial     leaves out " + String.join(", ", m.notCarried()));
        }
        m.warnings().forEach(w -> out.println("Warning     " + w));
        // Columns whose values another engine cannot hold: a restore into one is refused.
        m.engineOnlyValues().forEach(v -> out.println("Only into   " + m.engine() + ": " + v.describe()));
        m.valuesNotHeldBy().forEach((engine, columns) -> columns.forEach(v -> out.println("Not into    " + engine
                + ": " + v.describe())));
        if (SnapshotContents.applies(m)) {
            contents(out, loose);
        } else if (!m.rowCounts().isEmpty()) {
            out.println("Rows");
            m.rowCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
        }
        return 0;
    }

    /** The schema at the head of a jdbc payload, with the row counts the manifest recorded. */
    private void contents(PrintWriter out, LooseBackup loose) {
        Manifest m = loose.manifest();
        if (m.encrypted() && identity == null) {
            out.println("Contents    encrypted; give --identity FILE to read the tables, sequences and views");
            return;
        }
        SchemaSnapshot schema = SnapshotContents.read(loose.store(), loose.backup(),
                identity == null ? null : AgeKeys.readIdentityFile(identity));
        out.println("Source      " + schema.sourceEngine() + " " + Formats.orDash(schema.serverVersion()));
        boolean counted = !m.rowCounts().isEmpty();
        out.println("Tables      " + schema.tables().size() + (counted ? "" : " (the manifest has no row counts;"
                + " verify reads every row)"));
        int width = schema.tables().stream().mapToInt(t -> t.qualifiedName().length()).max().orElse(0);
        for (TableDef t : schema.tables()) {
            Long rows = m.rowCounts().get(t.qualifiedName());
            int columns = t.columns().size();
            out.printf("  %-" + width + "s  %3d %-7s  %s%n", t.qualifiedName(), columns,
                    columns == 1 ? "column" : "columns", rows == null ? "rows not recorded" : Counts.of(rows, "row"));
        }
        out.println("Sequences   " + (schema.sequences().isEmpty() ? "none" : schema.sequences().stream()
                .map(InspectCommand::sequence).collect(Collectors.joining(", "))));
        out.println("Views       " + (schema.views().isEmpty() ? "none" : schema.views().stream()
                .map(InspectCommand::view).collect(Collectors.joining(", "))));
        // Carried as the source server wrote them, so restored into the same engine only.
        out.println("As written  " + (schema.definitions().isEmpty() ? "none" : schema.definitions().stream()
                .map(NativeDefinition::id).collect(Collectors.joining(", "))));
        out.println("Not carried " + (schema.notCarried().isEmpty() ? "nothing" : schema.notCarried().stream()
                .map(NotCarried::describe).collect(Collectors.joining(", "))));
    }

    private static String sequence(SequenceDef s) {
        String name = s.schema() == null || s.schema().isEmpty() ? s.name() : s.schema() + "." + s.name();
        return name + " at " + s.value() + (s.ownedByTable() == null ? "" : " (for " + s.ownedByTable() + "."
                + s.ownedByColumn() + ")");
    }

    private static String view(ViewDef v) {
        return v.schema() == null || v.schema().isEmpty() ? v.name() : v.schema() + "." + v.name();
    }
}
