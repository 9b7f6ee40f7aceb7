package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.inventory.ManualRestore;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Needs no configuration: a backup found on a disk must be understandable on its own. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows what a backup file holds, from its manifest; needs no configuration.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A backup's .manifest.json or its payload file.")
    Path file;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Manifest m = Inventory.inspect(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(ManifestCodec.write(m), StandardCharsets.UTF_8));
            return 0;
        }
        Manifest.Payload p = m.payload();
        out.println("Backup      " + m.id() + (m.label() == null ? "" : " (" + m.label() + ")"));
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
        if (!m.rowCounts().isEmpty()) {
            out.println("Rows");
            m.rowCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
        }
        return 0;
    }
}
