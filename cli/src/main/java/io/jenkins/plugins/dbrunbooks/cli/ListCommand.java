package io.jenkins.plugins.dbrunbooks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a database's backups, newest first.")
final class ListCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ID", "STARTED (UTC)", "SIZE", "LABEL", "ENCRYPTION", "CREATED BY",
        "CONTENTS"};

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = "Print the manifests as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        List<Manifest> manifests = new Inventory(main.context()).list(target.environment, target.database);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ManifestCodec.mapper().writeValueAsString(manifests));
            return 0;
        }
        if (manifests.isEmpty()) {
            main.progress().message("No backups of " + target.describe() + " yet.");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Manifest m : manifests) {
            rows.add(new String[] {m.id(), Formats.utc(m.startedAt()), Bytes.human(m.payload().size()),
                Formats.orDash(m.label()), m.encrypted() ? m.payload().encryption() : "none",
                Formats.orDash(m.createdBy()),
                m.partial() ? "partial (" + m.notCarried().size() + " left out)" : "complete"});
        }
        Formats.table(rows, out);
        return 0;
    }
}
