package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
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

    static Coverage of(SnapshotDialect dialect, MethodContext context) {
        try (Connection connection = Jdbc.connect(dialect.scheme(), context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            return new Coverage(describe(dialect.catalogReader().read(connection).notCarried()), List.of());
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading the catalog of the database for the jdbc"
                    + " backup failed: " + e.getMessage(), "Check that the backup login can read the catalog.", e);
        }
    }

    static List<String> describe(List<NotCarried> objects) {
        return objects.stream().map(NotCarried::describe).toList();
    }
}
