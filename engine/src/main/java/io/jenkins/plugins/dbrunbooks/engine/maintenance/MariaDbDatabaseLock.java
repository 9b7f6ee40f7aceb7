package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Locks a MariaDB server read-only. MariaDB has no read-only switch per database, so the lock covers every
 * database on the server; accounts with SUPER or READ_ONLY ADMIN still write, as they must to run the
 * maintenance. Refusing connections is not offered: MariaDB cannot do it for one database alone.
 */
public final class MariaDbDatabaseLock implements DatabaseLock {
    static final String ENGINE = "mariadb";
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Z_]{1,32}");

    private final String jdbcUrl;
    private final String database;
    private final String serverUrl;
    private final DbCredential credential;
    private final Clock clock;

    public MariaDbDatabaseLock(String jdbcUrl, DbCredential credential, Clock clock) {
        MariaDbUrl url = MariaDbUrl.parse(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.database = url.requireDatabase();
        this.serverUrl = url.withDatabase("");
        this.credential = credential;
        this.clock = clock;
    }


    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean supports(LockKind kind) {
        return kind != LockKind.NO_CONNECTIONS;
    }

    @Override
    public LockRecord apply(LockKind kind) {
        if (kind == LockKind.NO_CONNECTIONS) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "MariaDB cannot refuse connections to database '"
                    + database + "' alone", "Use the READ_ONLY lock for MariaDB databases.");
        }
        if (kind == LockKind.NONE) {
            return record(kind, null);
        }
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, serverUrl, credential)) {
            LockRecord record = record(kind, readOnly(c));
            execute(c, "SET GLOBAL read_only = ON");
            return record;
        } catch (SQLException e) {
            throw failure("lock the server of database '" + database + "' read-only", e);
        }
    }

    @Override
    public void revert(LockRecord record) {
        if (record.kind() == LockKind.NONE) {
            return;
        }
        if (!ENGINE.equals(record.engine()) || record.kind() != LockKind.READ_ONLY) {
            throw new RunbookException(ErrorKind.USAGE, "The " + record.kind() + " lock of " + record.engine()
                    + " database '" + record.database() + "' cannot be reverted on MariaDB");
        }
        String previous = record.previousValue() == null ? "OFF" : record.previousValue();
        if (!SETTING_VALUE.matcher(previous).matches()) {
            throw new RunbookException(ErrorKind.USAGE, "The lock record holds an invalid previous value");
        }
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, serverUrl, credential)) {
            execute(c, "SET GLOBAL read_only = " + previous);
        } catch (SQLException e) {
            throw failure("unlock the server of database '" + database + "'", e);
        }
    }

    private LockRecord record(LockKind kind, String previous) {
        return new LockRecord(ENGINE, jdbcUrl, database, kind, previous, clock.instant());
    }

    /** ON or OFF (or, on servers that have them, the NO_LOCK values), whatever number the server reports. */
    private static String readOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@global.read_only")) {
            rs.next();
            String value = String.valueOf(rs.getString(1)).toUpperCase(Locale.ROOT);
            return switch (value) {
                case "0" -> "OFF";
                case "1" -> "ON";
                default -> value;
            };
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static RunbookException failure(String what, SQLException e) {
        int code = e.getErrorCode();
        boolean denied = code == 1227 || code == 1045 || code == 1044;
        return new RunbookException(denied ? ErrorKind.CREDENTIALS : ErrorKind.CONNECTION,
                "Could not " + what + ": " + e.getMessage(),
                denied ? "The restore credential needs the SUPER or READ_ONLY ADMIN privilege."
                        : "See the server's message; the server was left as it was.", e);
    }
}
