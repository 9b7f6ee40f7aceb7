package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialect;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Measures what was written to a database since one of its backups, from the database alone: its position now,
 * against the one the backup's manifest recorded. The payload is never read.
 */
public final class ChangesReader {
    private ChangesReader() {
    }

    public static ChangesSince read(Manifest backup, String jdbcUrl, DbCredential credential, Timeouts timeouts) {
        Dialect dialect = Dialects.standard().forUrl(jdbcUrl);
        if (!dialect.engine().equals(backup.engine())) {
            return ChangesSince.unknown(backup.id(), backup.environment(), backup.database(), backup.startedAt(),
                    Instant.now(), "the backup is of a " + backup.engine() + " database and the database"
                            + " is now " + dialect.displayName(), List.of());
        }
        if (!comparable(backup.position())) {
            // Nothing to compare with: the database is not even connected to (an H2 file would be created).
            return ChangeComparison.compare(backup, null, null);
        }
        try (Connection c = Jdbc.connect(dialect.scheme(), jdbcUrl, credential, timeouts)) {
            ServerPosition now = dialect.positions().read(c, null);
            Long logBytes = dialect.positions().logBytesBetween(c, backup.position(), now);
            return ChangeComparison.compare(backup, now, logBytes);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Cannot read the position of '" + backup.environment()
                    + "/" + backup.database() + "': " + e.getMessage(), null, e);
        }
    }

    private static boolean comparable(ServerPosition then) {
        return then != null && !ServerPosition.COUNTERS_NONE.equals(then.counters());
    }
}
