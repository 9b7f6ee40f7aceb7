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
import java.sql.SQLException;
import java.sql.Statement;
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
