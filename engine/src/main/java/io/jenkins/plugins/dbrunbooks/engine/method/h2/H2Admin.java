package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An H2 database is a file or a name on a server; it comes into being on the first connection. */
final class H2Admin implements DatabaseAdmin {
    /** H2's error code for "database not found" when connecting with IFEXISTS=TRUE. */
    private static final int DATABASE_NOT_FOUND = 90146;
    private static final String[] FILE_SUFFIXES = {".mv.db", ".trace.db", ".lock.db", ".h2.db"};

    private final MethodContext context;
    private final H2Url url;

    H2Admin(MethodContext context) {
        this.context = context;
        this.url = H2Url.parse(context.jdbcUrl());
    }

    @Override
    public String currentDatabaseName() {
        return url.name();
    }

    @Override
    public String jdbcUrlFor(String name) {
        return url.withName(name);
    }

    @Override
    public boolean exists(String name) {
        Optional<Path> file = H2Url.parse(jdbcUrlFor(name)).filePath();
        if (file.isPresent()) {
            return Files.exists(H2Url.withSuffix(file.get(), ".mv.db"));
        }
        try (Connection c = Jdbc.connect(H2Url.SCHEME, jdbcUrlFor(name) + ";IFEXISTS=TRUE", context.credential())) {
            return true;
        } catch (RunbookException e) {
            if (e.getCause() instanceof SQLException sql && sql.getErrorCode() == DATABASE_NOT_FOUND) {
                return false;
            }
            throw e;
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void create(String name, String likeDatabase) {
        try (Connection c = Jdbc.connect(H2Url.SCHEME, jdbcUrlFor(name), context.credential(), context.timeouts())) {
            // Connecting created it; the login becomes its administrator.
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Could not create H2 database '" + name + "': "
                    + e.getMessage(), null, e);
        }
    }

    /**
     * Why empty in place rather than load beside and swap: an H2 database is its URL (a file or a name on a
     * server), which clients hold, and renaming files under an open database corrupts it. Emptying runs after
     * the safety backup and keeps users and their rights (a {@code jdbc} snapshot carries neither, unlike DROP
     * ALL OBJECTS, which drops them): schemas of their own go with CASCADE, and in PUBLIC views go before the
     * tables they read, tables with CASCADE (so foreign keys between them need no order), then sequences,
     * domains and constants. Routines stay, as no snapshot carries them.
     */
    @Override
    public void empty(String name) {
        try (Connection c = Jdbc.connect(H2Url.SCHEME, jdbcUrlFor(name), context.credential());
                Statement s = c.createStatement()) {
            for (String schema : names(c, "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA"
                    + " WHERE SCHEMA_NAME NOT IN ('INFORMATION_SCHEMA', 'PUBLIC')")) {
                s.execute("DROP SCHEMA " + quote(schema) + " CASCADE");
            }
            String inPublic = " WHERE TABLE_SCHEMA = 'PUBLIC'";
            for (String view : names(c, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.VIEWS" + inPublic)) {
                s.execute("DROP VIEW IF EXISTS PUBLIC." + quote(view) + " CASCADE");
            }
            for (String table : names(c, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES" + inPublic
                    + " AND TABLE_TYPE = 'BASE TABLE'")) {
                s.execute("DROP TABLE IF EXISTS PUBLIC." + quote(table) + " CASCADE");
            }
            for (String sequence : names(c, "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES"
                    + " WHERE SEQUENCE_SCHEMA = 'PUBLIC'")) {
                s.execute("DROP SEQUENCE IF EXISTS PUBLIC." + quote(sequence));
            }
            for (String domain : names(c, "SELECT DOMAIN_NAME FROM INFORMATION_SCHEMA.DOMAINS"
                    + " WHERE DOMAIN_SCHEMA = 'PUBLIC'")) {
                s.execute("DROP DOMAIN IF EXISTS PUBLIC." + quote(domain) + " CASCADE");
            }
            for (String constant : names(c, "SELECT CONSTANT_NAME FROM INFORMATION_SCHEMA.CONSTANTS"
                    + " WHERE CONSTANT_SCHEMA = 'PUBLIC'")) {
                s.execute("DROP CONSTANT IF EXISTS PUBLIC." + quote(constant));
            }
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Could not empty H2 database '" + name
                    + "' before restoring into it: " + e.getMessage(), null, e);
        }
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void drop(String name) {
        if (!exists(name)) {
            return;
        }
        try (Connection c = Jdbc.connect(H2Url.SCHEME, jdbcUrlFor(name), context.credential(), context.timeouts()); Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS DELETE FILES");
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Could not drop H2 database '" + name + "': "
                    + e.getMessage(), null, e);
        }
        Optional<Path> file = H2Url.parse(jdbcUrlFor(name)).filePath();
        if (file.isPresent()) {
            // DELETE FILES acts when the last connection closes; another open one would keep the files.
            for (String suffix : FILE_SUFFIXES) {
                try {
                    Files.deleteIfExists(H2Url.withSuffix(file.get(), suffix));
                } catch (IOException e) {
                    throw new RunbookException(ErrorKind.STORAGE, "Could not delete '"
                            + H2Url.withSuffix(file.get(), suffix) + "': " + e.getMessage(), null, e);
                }
            }
        }
    }
}
