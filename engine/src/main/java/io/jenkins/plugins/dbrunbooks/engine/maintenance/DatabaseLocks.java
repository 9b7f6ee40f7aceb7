package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import java.time.Clock;
import java.util.List;

/**
 * The database lock for a JDBC URL. Each lock connects with the login it is given, which should be the
 * database's restore credential, the most privileged the configuration holds.
 */
public final class DatabaseLocks {
    /** The engines that have a database lock, by the JDBC URL prefixes they serve. */
    static final List<String> ENGINES = List.of(PostgresDatabaseLock.ENGINE, MariaDbDatabaseLock.ENGINE);

    private DatabaseLocks() {
    }

    public static DatabaseLock forUrl(String jdbcUrl, DbCredential credential) {
        return forUrl(jdbcUrl, credential, Clock.systemUTC());
    }

    public static DatabaseLock forUrl(String jdbcUrl, DbCredential credential, Clock clock) {
        if (jdbcUrl == null) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "A database lock needs a JDBC URL");
        }
        if (PostgresDatabaseLock.serves(jdbcUrl)) {
            return new PostgresDatabaseLock(jdbcUrl, credential, clock);
        }
        if (MariaDbDatabaseLock.serves(jdbcUrl)) {
            return new MariaDbDatabaseLock(jdbcUrl, credential, clock);
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "H2 has no database lock",
                    "Use maintenance without a database lock (NONE) for H2 databases.");
        }
        throw new RunbookException(ErrorKind.CONFIGURATION, "No database lock serves '" + Jdbc.redact(jdbcUrl)
                + "'", "Database locks exist for URLs starting with jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:.");
    }

    /** The URL without password parameters, so a record that is persisted carries no secret. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&;])(password|pwd)=[^&;]*", "$1")
                .replaceAll("([?&;])[&;]+", "$1")
                .replaceAll("[?&;]+$", "");
    }
}
