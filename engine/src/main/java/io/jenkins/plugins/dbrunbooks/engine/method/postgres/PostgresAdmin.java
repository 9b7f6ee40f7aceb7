package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Database-level work on a PostgreSQL server, done from its maintenance database {@code postgres} since a
 * session cannot rename or drop the database it is connected to.
 */
final class PostgresAdmin implements DatabaseAdmin {
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String OBJECT_IN_USE = "55006";
    private static final int SWAP_ATTEMPTS = 3;

    private final MethodContext context;
    private final PostgresUrl url;

    PostgresAdmin(MethodContext context) {
        this.context = context;
        this.url = PostgresUrl.parse(context.jdbcUrl());
    }

    @Override
    public String currentDatabaseName() {
        return url.database();
    }

    @Override
    public String jdbcUrlFor(String name) {
        return url.withDatabase(context.jdbcUrl(), name);
    }

    private Connection maintenance() {
        return Jdbc.connect(PostgresUrl.SCHEME, jdbcUrlFor(MAINTENANCE_DATABASE), context.credential(), context.timeouts());
    }

    @Override
    public boolean exists(String name) {
        try (Connection c = maintenance();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("check whether database '" + name + "' exists", e);
        }
    }

    @Override
    public boolean beingCreated(String name) {
        // The statement as create() sends it; the login sees its own sessions' statements.
        try (Connection c = maintenance(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM"
                + " pg_catalog.pg_stat_activity WHERE state = 'active' AND pid <> pg_catalog.pg_backend_pid()"
                + " AND starts_with(query, ?)")) {
            ps.setString(1, "CREATE DATABASE " + quote(name) + " ");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("check whether database '" + name + "' is being created", e);
        }
    }

    @Override
    public void create(String name, String likeDatabase) {
        try (Connection c = maintenance()) {
            StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(quote(name)).append(" TEMPLATE template0");
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_encoding_to_char(encoding),"
                    + " datcollate, datctype, pg_catalog.pg_get_userbyid(datdba)"
                    + " FROM pg_catalog.pg_database WHERE datname = ?")) {
                ps.setString(1, likeDatabase);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sql.append(" ENCODING ").append(literal(rs.getString(1)))
                                .append(" LC_COLLATE ").append(literal(rs.getString(2)))
                                .append(" LC_CTYPE ").append(literal(rs.getString(3)));
                        createAndOwn(c, sql.toString(), name, rs.getString(4));
                        return;
                    }
                }
            }
            execute(c, sql.toString());
        } catch (SQLException e) {
            throw failure("create database '" + name + "'", e);
        }
    }

    private void createAndOwn(Connection c, String createSql, String name, String owner) throws SQLException {
        execute(c, createSql);
        try {
            execute(c, "ALTER DATABASE " + quote(name) + " OWNER TO " + quote(owner));
        } catch (SQLException e) {
            context.listener().message("Database '" + name + "' stays owned by the restoring user: could not give it"
                    + " to '" + owner + "' (" + e.getMessage() + ")");
        }
    }

    /**
     * Privileges and connection limit first, which fail the restore when they cannot be given (a database that let
     * fewer roles connect must not come back open to more); then the comment and each setting, which are said and
     * left out when the server refuses one (a setting only a superuser may make).
     */
    @Override
    public void adopt(String name, String likeDatabase) {
        try (Connection c = maintenance()) {
            DatabaseTraits traits = DatabaseTraits.read(c, likeDatabase);
            if (traits == null) {
                return;
            }
            for (String statement : traits.privilegesAndLimit(quote(name))) {
                execute(c, statement);
            }
            for (String[] each : traits.commentAndSettings(quote(name))) {
                try {
                    execute(c, each[1]);
                } catch (SQLException e) {
                    String why = String.valueOf(e.getMessage());
                    context.listener().message("Database '" + name + "' was left without " + each[0] + ", which '"
                            + likeDatabase + "' has: " + (each[2].isEmpty() ? why : why.replace(each[2], "****")));
                }
            }
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Could not give database '" + name + "' the"
                    + " privileges and connection limit of '" + likeDatabase + "': " + e.getMessage(), "The restore"
                    + " login must own '" + likeDatabase + "' or be a member of its owner's role.", e);
        }
    }

    @Override
    public void drop(String name) {
        try (Connection c = maintenance()) {
            endSessions(c, name);
            execute(c, "DROP DATABASE IF EXISTS " + quote(name));
        } catch (SQLException e) {
            throw failure("drop database '" + name + "'", e);
        }
    }

    /**
     * Both renames happen in one transaction, so a process killed at any point leaves either the old database or
     * the new one under the target's name, never neither. A session that connects between ending the others and
     * the rename makes the rename fail ("being accessed by other users"); the swap is then tried again.
     */
    @Override
    public void swap(String target, String replacement, String retired) {
        try (Connection c = maintenance()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    swapOnce(c, target, replacement, retired);
                    return;
                } catch (SQLException e) {
                    if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == SWAP_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("put the restored database in place of '" + target + "'", e);
        }
    }

    private static void swapOnce(Connection c, String target, String replacement, String retired)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            if (existsOn(c, target)) {
                endSessions(c, target);
                execute(c, "ALTER DATABASE " + quote(target) + " RENAME TO " + quote(retired));
            }
            execute(c, "ALTER DATABASE " + quote(replacement) + " RENAME TO " + quote(target));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public List<Session> sessions(String name) {
        try (Connection c = maintenance();
                PreparedStatement ps = c.prepareStatement("SELECT a.usename, a.application_name, a.backend_start,"
                        + " COALESCE(r.rolsuper, false) FROM pg_catalog.pg_stat_activity a"
                        + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid"
                        + " WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid() ORDER BY a.backend_start")) {
            ps.setString(1, name);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp since = rs.getTimestamp(3);
                    sessions.add(new Session(rs.getString(1), rs.getString(2),
                            since == null ? null : since.toInstant().toString(), rs.getBoolean(4)));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw failure("list the sessions on '" + name + "'", e);
        }
    }

    private static boolean existsOn(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void endSessions(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_terminate_backend(pid)"
                + " FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid()")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            // Only a superuser may end a superuser's session; CREATEDB has nothing to do with it.
            throw new RunbookException(ErrorKind.CREDENTIALS, "Could not end the sessions on '" + name + "': "
                    + e.getMessage(), "A superuser's session is connected to '" + name + "' and only a superuser"
                            + " may end it: ask its user to disconnect, or restore with a superuser login.", e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static RunbookException failure(String what, SQLException e) {
        ErrorKind kind = e.getSQLState() != null && e.getSQLState().startsWith("42")
                ? ErrorKind.CREDENTIALS : ErrorKind.RESTORE_FAILED;
        return new RunbookException(kind, "Could not " + what + ": " + e.getMessage(),
                kind == ErrorKind.CREDENTIALS ? "The restore credential needs the CREATEDB privilege." : null, e);
    }
}
