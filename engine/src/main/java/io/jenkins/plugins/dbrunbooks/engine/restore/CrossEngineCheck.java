package io.jenkins.plugins.dbrunbooks.engine.restore;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialect;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotTranslation;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A jdbc backup restored into another engine is refused before the target is touched when the target cannot
 * translate every object, naming each, unless the target database accepts partial copies; and whatever it accepts,
 * when the backup recorded columns holding values only its engine stores or the target's engine lacks, since a value
 * cannot be left out of a row.
 */
final class CrossEngineCheck {
    private CrossEngineCheck() {
    }

    static void require(ResolvedDatabase source, StoredBackup backup, ResolvedDatabase target,
            List<RecipientStanzaReader> identities, ProgressListener listener) {
        Manifest manifest = backup.manifest();
        String engine = target.method().engine();
        if (!"jdbc".equals(manifest.method()) || manifest.engine().equals(engine)) {
            return;
        }
        String into = "'" + target.environment().name() + "/" + target.database().name() + "' (" + engine + ")";
        requireNoEngineOnlyValues(manifest, engine, into);
        Dialect dialect = Dialects.standard().forEngine(engine).orElseThrow(() -> new RunbookException(
                ErrorKind.CONFIGURATION, "No supported engine is called '" + engine + "'", null));
        List<String> untranslatable;
        try (PayloadReader reader = source.store().readPayload(backup, identities,
                new ProgressMeter(ProgressListener.NONE, "restore", manifest.payload().size()))) {
            untranslatable = SnapshotTranslation.untranslatable(reader.stream(), dialect.snapshot());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read the schema of backup '" + manifest.id()
                    + "': " + e.getMessage(), null, e);
        }
        if (untranslatable.isEmpty()) {
            return;
        }
        if (!target.database().allowPartial()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "Backup '" + manifest.id() + "' of " + manifest.engine()
                    + " cannot be restored whole into " + into + ", which cannot translate "
                    + String.join(", ", untranslatable) + "; nothing was touched",
                    "Restore it into a " + manifest.engine() + " database, or set allowPartial: true on the target"
                            + " database to restore it without them.");
        }
        listener.message("Left out of the restore into " + into + " (accepted by allowPartial): "
                + String.join(", ", untranslatable));
    }

    /**
     * Refuses the columns the backup found holding values only its engine stores, and those holding values the
     * target's engine lacks. A backup taken before they were recorded names none: its restore stops at the first
     * such value as it loads.
     */
    private static void requireNoEngineOnlyValues(Manifest manifest, String engine, String into) {
        List<EngineOnlyValues> columns = manifest.valuesNotHeldIn(engine);
        if (columns.isEmpty()) {
            return;
        }
        throw new RunbookException(ErrorKind.NOT_CARRIED, "Backup '" + manifest.id() + "' of " + manifest.engine()
                + " cannot be restored into " + into + ": " + columns.stream()
                        .map(EngineOnlyValues::describe).collect(Collectors.joining(", "))
                + (manifest.valuesNotHeldBy().containsKey(engine) ? ", which " + engine + " does not store"
                        : ", which no other engine stores") + "; nothing was touched",
                "Restore it into a " + manifest.engine() + " database, or change those values in the source (to NULL"
                        + " or a value every engine holds) and take a new backup.");
    }
}
