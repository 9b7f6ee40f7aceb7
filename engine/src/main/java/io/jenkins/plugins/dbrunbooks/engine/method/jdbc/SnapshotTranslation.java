package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What of a jdbc snapshot from one engine another engine cannot take, read from the schema at the head of its
 * payload before the target is touched: a column type with no equivalent there (always refused), and checks,
 * defaults, expression indexes and views it cannot translate (refused unless the target accepts partial copies).
 */
public final class SnapshotTranslation {
    private SnapshotTranslation() {
    }

    /**
     * @param payload the decoded payload; only its schema is read
     * @return the objects the target engine would leave out; empty where it takes everything
     */
    public static List<String> untranslatable(InputStream payload, SnapshotDialect target) {
        // Large values are spooled only when rows are read, and none is; the directory is never written.
        SchemaSnapshot schema = SnapshotReader.open(payload, Path.of(System.getProperty("java.io.tmpdir")))
                .schema();
        DdlWriter writer = target.ddlWriter();
        writer.incompatibility(schema).ifPresent(why -> {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, why + " Nothing was touched.",
                    "Restore it into a " + schema.sourceEngine() + " database.");
        });
        return writer.notes(schema);
    }
}
