package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.util.Optional;

/**
 * Which structure check reads a payload, chosen by the engine and method its manifest records (never by the
 * configuration of today): the jdbc snapshot reader, the database's own listing tool where the method has one,
 * or the script checks of the native MariaDB and H2 methods.
 */
final class StructureChecks {
    private StructureChecks() {
    }

    /** A check to run, or the result to report instead: skipped with the reason, or failed. */
    record Choice(StructureCheck check, CheckResult skipped) {
    }

    static Choice choose(RunbookContext context, ResolvedDatabase target, Manifest manifest) {
        DatabaseMethod method;
        try {
            method = context.methods().forManifest(manifest.engine(), manifest.method());
        } catch (RunbookException e) {
            return new Choice(null, CheckResult.failed("structure", e.getMessage()));
        }
        if ("jdbc".equals(manifest.method())) {
            return new Choice(new SnapshotCheck(manifest.engine(), context.workDir()), null);
        }
        if (method.capabilities().nativeListing()) {
            Optional<String> unavailable = method.unavailableReason(target.methodContext());
            if (unavailable.isPresent()) {
                return new Choice(null, CheckResult.skipped("structure", unavailable.get()
                        + ", so the archive was not listed"));
            }
            return new Choice(raw -> method.engine() + " tool lists "
                    + Counts.of(method.list(target.methodContext(), raw), "entry", "entries"), null);
        }
        return switch (manifest.engine()) {
            case "mariadb" -> new Choice(TextScriptCheck.mariaDbDump(), null);
            case "h2" -> new Choice(TextScriptCheck.h2Script(), null);
            default -> new Choice(null, CheckResult.skipped("structure", "no structure check for "
                    + manifest.engine() + " " + manifest.method() + " in this version"));
        };
    }
}
