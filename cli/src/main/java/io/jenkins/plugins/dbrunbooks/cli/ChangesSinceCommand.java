package io.jenkins.plugins.dbrunbooks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSinceOperation;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSinceRequest;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "changes-since", mixinStandardHelpOptions = true,
        description = {"Reports what was written to a database since one of its backups, from the database alone:",
            "what restoring that backup over it would throw away."})
final class ChangesSinceCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--backup", paramLabel = "ID", defaultValue = BackupRef.LATEST,
            description = "The backup id, or 'latest' (default).")
    String backup;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        ChangesSince changes = new ChangesSinceOperation(main.context(Logins.only(target.environment,
                target.database, database -> EnumSet.of(Logins.changesSince())))
                .withListener(ProgressListener.NONE)).run(new ChangesSinceRequest(target.environment,
                        target.database, backup));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ManifestCodec.mapper().writeValueAsString(changes));
        } else {
            changes.describe().forEach(out::println);
        }
        return 0;
    }
}
