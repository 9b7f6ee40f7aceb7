package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a jdbc snapshot of a database would leave out, read from its catalog with the same reader the backup uses,
 * before any file is created. The backup reads the catalog again in its own snapshot and reports what it left out
 * there, so an object created in between is caught too.
 */
final class SnapshotCoverage {
    private SnapshotCoverage() {
    }

    /**
     * Reads in one transaction of its own, at a moment the catalog reader names where it can, and keeps the schema
     * in {@code earlier} for the backup, which takes it instead of reading again if its snapshot sees that moment.
     */
    static Coverage of(SnapshotDialect dialect, MethodContext context, EarlierCatalog earlier) {
        try (Connection connection = Jdbc.connect(dialect.scheme(), context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            CatalogReader reader = dialect.catalogReader();
            String moment = reader.beginAtMoment(connection);
            SchemaSnapshot schema = reader.read(connection);
            if (moment != null) {
                connection.rollback();
            }
            earlier.keep(context, new EarlierCatalog.Read(moment, schema));
            return new Coverage(describe(schema.notCarried()), List.of());
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading the catalog of the database for the jdbc"
                    + " backup failed: " + e.getMessage(), "Check that the backup login can read the catalog.", e);
        }
    }

    static List<String> describe(List<NotCarried> objects) {
        return objects.stream().map(NotCarried::describe).toList();
    }
}
