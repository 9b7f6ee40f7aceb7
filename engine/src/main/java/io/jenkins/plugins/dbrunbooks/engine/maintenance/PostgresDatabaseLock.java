package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Locks one PostgreSQL database through its database-level settings, then ends the sessions already on it so
 * they come back under the lock. Works from the maintenance database {@code postgres}, since a database that
 * refuses connections cannot be unlocked from inside.
 */
public final class PostgresDatabaseLock implements DatabaseLock {
    static final String ENGINE = "postgresql";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String READ_ONLY_SETTING = "default_transaction_read_only";
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Za-z0-9_]{1,16}");

    private final String jdbcUrl;
    private final String database;
    private final String maintenanceUrl;
    private final DbCredential credential;
    private final Clock clock;

    public PostgresDatabaseLock(String jdbcUrl, DbCredential credential, Clock clock) {
        PostgresUrl url = PostgresUrl.parse(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.database = url.database();
        this.maintenanceUrl = url.withDatabase(jdbcUrl, MAINTENANCE_DATABASE);
        this.credential = credential;
        this.clock = clock;
    }


    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean supports(LockKind kind) {
        return true;
    }

    @Override
    public LockRecord apply(LockKind kind) {
        if (kind == LockKind.NONE) {
            return record(kind, null);
        }
        try (Connection c = Jdbc.connect(PostgresUrl.SCHEME, maintenanceUrl, credential)) {
            if (!exists(c)) {
                throw new RunbookException(ErrorKind.NOT_FOUND, "Database '" + database + "' does not exist",
                        "Check the JDBC URL of the database in the configuration.");
            }
            LockRecord record = record(kind, kind == LockKind.READ_ONLY ? readOnlySetting(c) : allowConnections(c));
            execute(c, kind == LockKind.READ_ONLY
                    ? "ALTER DATABASE " + quote(database) + " SET " + READ_ONLY_SETTING + " = on"
                    : "ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS false");
            try {
                endOtherSessions(c);
            } catch (SQLException e) {
                // A lock that leaves writable sessions behind would only look like one.
                try {
                    undo(c, record);
                } catch (SQLException later) {
                    e.addSuppressed(later);
                }
                throw e;
            }
            return record;
        } catch (SQLException e) {
            throw failure("lock database '" + database + "' (" + kind + ")", e);
        }
    }

    @Override
    public void revert(LockRecord record) {
        if (record.kind() == LockKind.NONE) {
            return;
        }
        if (!ENGINE.equals(record.engine()) || !database.equals(record.database())) {
            throw new RunbookException(ErrorKind.USAGE, "The lock of " + record.engine() + " database '"
                    + record.database() + "' cannot be reverted on PostgreSQL database '" + database + "'");
        }
        try (Connection c = Jdbc.connect(PostgresUrl.SCHEME, maintenanceUrl, credential)) {
            if (exists(c)) {
                undo(c, record);
            }
        } catch (SQLException e) {
            throw failure("unlock database '" + database + "' (" + record.kind() + ")", e);
        }
    }

    private void undo(Connection c, LockRecord record) throws SQLException {
        String previous = record.previousValue();
        if (record.kind() == LockKind.READ_ONLY) {
            execute(c, previous == null
                    ? "ALTER DATABASE " + quote(database) + " RESET " + READ_ONLY_SETTING
                    : "ALTER DATABASE " + quote(database) + " SET " + READ_ONLY_SETTING + " = "
                            + literal(checked(previous)));
        } else if (record.kind() == LockKind.NO_CONNECTIONS) {
            execute(c, "ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS "
                    + !"false".equals(previous));
        }
    }

    private LockRecord record(LockKind kind, String previous) {
        return new LockRecord(ENGINE, jdbcUrl, database, kind, previous, clock.instant());
    }

    private boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The database's own setting (for all roles), or null when it has none. */
    private String readOnlySetting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.setconfig FROM pg_catalog.pg_db_role_setting s"
                + " JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase WHERE d.datname = ? AND s.setrole = 0")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array config = rs.getArray(1);
                for (Object entry : config == null ? new Object[0] : (Object[]) config.getArray()) {
                    String setting = String.valueOf(entry);
                    if (setting.startsWith(READ_ONLY_SETTING + "=")) {
                        return setting.substring(READ_ONLY_SETTING.length() + 1);
                    }
                }
                return null;
            }
        }
    }

    private String allowConnections(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT datallowconn FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getBoolean(1)) : null;
            }
        }
    }

    /** Each session on its own, so one that ended in the meantime does not stop the others. */
    private void endOtherSessions(Connection c) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_catalog.pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        for (int pid : pids) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_terminate_backend(?)")) {
                ps.setInt(1, pid);
                ps.execute();
            }
        }
    }

    /** Records may come back from disk: only plain setting values go back into SQL. */
    private static String checked(String value) {
        if (!SETTING_VALUE.matcher(value).matches()) {
            throw new RunbookException(ErrorKind.USAGE, "The lock record holds an invalid previous value");
        }
        return value;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static RunbookException failure(String what, SQLException e) {
        boolean denied = "42501".equals(e.getSQLState());
        return new RunbookException(denied ? ErrorKind.CREDENTIALS : ErrorKind.CONNECTION,
                "Could not " + what + ": " + e.getMessage(),
                denied ? "The restore credential must own the database and hold pg_signal_backend, or be a superuser."
                        : "See the server's message; the database was left as it was.", e);
    }
}
