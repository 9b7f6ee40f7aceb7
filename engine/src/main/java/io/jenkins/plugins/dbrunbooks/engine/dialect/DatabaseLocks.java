package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import java.time.Clock;
import java.util.List;

/**
 * The database lock for a JDBC URL, from the URL's dialect. Each lock connects with the login it is given, which
 * should be the database's restore credential, the most privileged the configuration holds.
 */
public final class DatabaseLocks {
    private DatabaseLocks() {
    }

    public static DatabaseLock forUrl(String jdbcUrl, DbCredential credential) {
        return forUrl(jdbcUrl, credential, Clock.systemUTC());
    }

    public static DatabaseLock forUrl(String jdbcUrl, DbCredential credential, Clock clock) {
        if (jdbcUrl == null) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "A database lock needs a JDBC URL");
        }
        Dialect dialect = Dialects.standard().find(jdbcUrl).orElseThrow(() -> new RunbookException(
                ErrorKind.CONFIGURATION, "No database lock serves '" + Jdbc.redact(jdbcUrl) + "'",
                "Database locks exist for URLs starting with " + Dialects.orList(lockablePrefixes()) + "."));
        return dialect.lock(jdbcUrl, credential, clock).orElseThrow(() -> new RunbookException(
                ErrorKind.CONFIGURATION, dialect.displayName() + " has no database lock", "Use maintenance without a"
                        + " database lock (NONE) for " + dialect.displayName() + " databases."));
    }

    /** Reverts a record, perhaps persisted and read back, with a login allowed to change the lock. */
    public static void revert(LockRecord record, DbCredential credential) {
        forUrl(record.jdbcUrl(), credential).revert(record);
    }

    /** The engines that have a database lock. */
    static List<String> engines() {
        return lockable().stream().map(Dialect::engine).toList();
    }

    private static List<Dialect> lockable() {
        return Dialects.standard().all().stream().filter(Dialect::hasDatabaseLock).toList();
    }

    private static List<String> lockablePrefixes() {
        return lockable().stream().flatMap(d -> d.scheme().prefixes().stream()).toList();
    }
}
