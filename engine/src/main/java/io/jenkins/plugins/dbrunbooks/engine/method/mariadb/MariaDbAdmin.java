package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.Session;
import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Database-level work on a MariaDB server, done from a connection to the server without a default database. */
final class MariaDbAdmin implements DatabaseAdmin {
    private static final String SERVER_ONLY = "";

    private final MethodContext context;
    private final MariaDbUrl url;

    MariaDbAdmin(MethodContext context) {
        this.context = context;
        this.url = MariaDbUrl.parse(context.jdbcUrl());
    }

    @Override
    public String currentDatabaseName() {
        return url.requireDatabase();
    }

    @Override
    public String jdbcUrlFor(String name) {
        return url.withDatabase(name);
    }

    private Connection server() {
        return Jdbc.connect(MariaDbUrl.SCHEME, jdbcUrlFor(SERVER_ONLY), context.credential(), context.timeouts());
    }

    @Override
    public boolean exists(String name) {
        try (Connection c = server();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("check whether database '" + name + "' exists", e);
        }
    }

    @Override
    public void create(String name, String likeDatabase) {
        try (Connection c = server()) {
            StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(quote(name));
            try (PreparedStatement ps = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                    + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
                ps.setString(1, likeDatabase);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sql.append(" CHARACTER SET ").append(quote(rs.getString(1)))
                                .append(" COLLATE ").append(quote(rs.getString(2)));
                    }
                }
            }
            execute(c, sql.toString());
        } catch (SQLException e) {
            throw failure("create database '" + name + "'", e);
        }
    }

    @Override
    public void drop(String name) {
        try (Connection c = server()) {
            endSessions(c, name);
            execute(c, "DROP DATABASE IF EXISTS " + quote(name));
        } catch (SQLException e) {
            throw failure("drop database '" + name + "'", e);
        }
    }

    /**
     * Why empty in place rather than load beside and swap: MariaDB cannot rename a database, and RENAME TABLE
     * across databases moves tables but neither views nor triggers, so a swap would leave a mix of both copies
     * if it stopped half-way. Emptying runs after the safety backup, on one connection: views first (they
     * depend on tables), then every table in one DROP TABLE with foreign key checks off for this session only
     * (so no order between tables is needed), then sequences, routines and events, which a snapshot creates again.
     */
    @Override
    public void empty(String name) {
        try (Connection c = server()) {
            endSessions(c, name);
            List<String> views = names(c, "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?",
                    name);
            List<String> tables = names(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')", name);
            List<String> sequences = names(c, "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE'", name);
            if (!views.isEmpty()) {
                execute(c, "DROP VIEW IF EXISTS " + qualified(name, views));
            }
            if (!tables.isEmpty()) {
                execute(c, "SET SESSION foreign_key_checks = 0");
                try {
                    execute(c, "DROP TABLE IF EXISTS " + qualified(name, tables));
                } finally {
                    execute(c, "SET SESSION foreign_key_checks = 1");
                }
            }
            if (!sequences.isEmpty()) {
                execute(c, "DROP SEQUENCE IF EXISTS " + qualified(name, sequences));
            }
            for (String[] routine : rows(c, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA = ?", name)) {
                // The type is PROCEDURE or FUNCTION (or PACKAGE under Oracle mode), a keyword from the server.
                execute(c, "DROP " + routine[0].replaceAll("[^A-Z ]", "") + " IF EXISTS " + quote(name) + "."
                        + quote(routine[1]));
            }
            for (String event : names(c, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?",
                    name)) {
                execute(c, "DROP EVENT IF EXISTS " + quote(name) + "." + quote(event));
            }
        } catch (SQLException e) {
            throw failure("empty database '" + name + "' before restoring into it", e);
        }
    }

    private static List<String> names(Connection c, String sql, String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String[]> rows(Connection c, String sql, String database) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return rows;
    }

    private static String qualified(String database, List<String> objects) {
        StringBuilder sql = new StringBuilder();
        for (String object : objects) {
            sql.append(sql.length() == 0 ? "" : ", ").append(quote(database)).append('.').append(quote(object));
        }
        return sql.toString();
    }

    /**
     * MariaDB shows no application name without the performance schema, so a backup holds a named lock while it
     * runs, from a session on the database: a lock's holder is visible to every session ({@code IS_USED_LOCK}),
     * needs no privilege, and goes with the session, so a killed backup leaves no mark behind.
     */
    @Override
    public Undo markBackup() {
        String name = currentDatabaseName();
        Connection c = Jdbc.connect(MariaDbUrl.SCHEME, jdbcUrlFor(name), context.credential(), context.timeouts());
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, backupLock(name));
            ps.execute();
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("mark the backup of '" + name + "'", e);
        }
        return () -> closeQuietly(c);
    }

    /** The lock a backup of {@code database} holds; lock names are at most 64 characters. */
    static String backupLock(String database) {
        String lock = "dbrunbooks-backup:" + database;
        return lock.length() <= 64 ? lock : lock.substring(0, 55) + "#" + Integer.toHexString(database.hashCode());
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The server releases the lock with the session either way.
        }
    }

    /**
     * TIME is how long the session has been in its state. Without the performance schema MariaDB shows no
     * application name, so the session holding a backup's lock (see {@link #markBackup}) is the one known to be a
     * backup of this product.
     */
    @Override
    public List<Session> sessions(String name) {
        try (Connection c = server(); PreparedStatement ps = c.prepareStatement("SELECT USER, TIME, ID = IS_USED_LOCK(?)"
                + " FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() ORDER BY TIME DESC")) {
            ps.setString(1, backupLock(name));
            ps.setString(2, name);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new Session(rs.getString(1), rs.getBoolean(3) ? Jdbc.APPLICATION_NAME : null,
                            rs.getLong(2) + " s in its state", false));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw failure("list the sessions on '" + name + "'", e);
        }
    }

    /** Sessions using the database would make DROP wait for their metadata locks. */
    private void endSessions(Connection c, String name) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        for (long id : ids) {
            try {
                execute(c, "KILL CONNECTION " + id);
            } catch (SQLException e) {
                // Ended in the meantime, or not ours to end: DROP then waits for it, as it would anyway.
                context.listener().message("Could not end session " + id + " on '" + name + "': " + e.getMessage());
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static RunbookException failure(String what, SQLException e) {
        int code = e.getErrorCode();
        boolean denied = code == 1044 || code == 1045 || code == 1227 || code == 1142;
        ErrorKind kind = denied ? ErrorKind.CREDENTIALS : ErrorKind.RESTORE_FAILED;
        return new RunbookException(kind, "Could not " + what + ": " + e.getMessage(),
                denied ? "The restore credential needs the CREATE and DROP privileges on the server." : null, e);
    }
}
