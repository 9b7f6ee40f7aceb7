package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads a snapshot into an empty database of the target engine: bare tables, rows in batches with a commit per
 * table, then keys and indexes, foreign keys, and last sequences and views.
 */
final class SnapshotRestore {
    private static final int BATCH = 1000;

    private final String engine;
    private final boolean untypedStrings;
    private final String insertOverride;
    private final TableLoader loader;

    /** Loads one table's rows in the target engine's own bulk way, in the transaction the caller commits. */
    interface TableLoader {
        /**
         * @param table the target table's quoted name
         * @param columnNames the quoted column names, in the snapshot's order
         * @return the number of rows loaded
         */
        long load(Connection c, String table, List<String> columnNames, List<ColumnDef> columns,
                List<JdbcValues.Target> targets, SnapshotReader reader) throws SQLException, IOException;
    }

    /**
     * @param untypedStrings send text as of unknown type so the server casts it to the column's type
     * @param insertOverride words between the INSERT's column list and VALUES, e.g. PostgreSQL's
     *     {@code OVERRIDING SYSTEM VALUE} so identity columns take the snapshot's values; empty where none
     */
    SnapshotRestore(String engine, boolean untypedStrings, String insertOverride) {
        this(engine, untypedStrings, insertOverride, null);
    }

    /** @param loader loads the rows instead of batched INSERTs; null for the INSERTs */
    SnapshotRestore(String engine, boolean untypedStrings, String insertOverride, TableLoader loader) {
        this.engine = engine;
        this.untypedStrings = untypedStrings;
        this.insertOverride = insertOverride;
        this.loader = loader;
    }

    void run(MethodContext context, RestoreSource source) {
        Path spool = spoolDirectory(context);
        SnapshotReader reader = SnapshotReader.open(source.stream(), spool);
        SchemaSnapshot schema = reader.schema();
        DdlWriter sql = Dialects.writer(engine);
        sql.incompatibility(schema).ifPresent(why -> {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "This " + schema.sourceEngine()
                    + " backup cannot be restored into " + engine + ": " + why,
                    "Restore it into a " + schema.sourceEngine() + " database, or leave out what " + engine
                            + " cannot hold.");
        });
        SnapshotBackup.reportNotCarried(context, schema.notCarried());
        String current = "the schema";
        try (Connection c = Jdbc.connect(context.jdbcUrl(), context.credential())) {
            execute(c, sql.beforeTables(schema));
            for (TableDef table : schema.tables()) {
                execute(c, List.of(sql.createTable(schema, table)));
            }
            TableDef table;
            while ((table = reader.nextTable()) != null) {
                current = "'" + table.qualifiedName() + "'";
                long rows = load(c, sql, table, reader);
                context.listener().message("Restored " + rows + " rows of " + current);
            }
            current = "keys, indexes and constraints";
            for (TableDef t : schema.tables()) {
                execute(c, sql.afterData(schema, t));
            }
            for (TableDef t : schema.tables()) {
                execute(c, sql.foreignKeys(schema, t));
            }
            execute(c, sql.afterAll(schema));
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restoring " + current + " into " + engine
                    + " failed: " + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore stream broke: " + e.getMessage(), null, e);
        } finally {
            deleteQuietly(spool);
        }
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " [in: " + abbreviated(statement) + "]", e.getSQLState(),
                            e);
                }
            }
        }
    }

    private long load(Connection c, DdlWriter sql, TableDef table, SnapshotReader reader)
            throws SQLException, IOException {
        List<ColumnDef> columns = table.columns();
        List<JdbcValues.Target> targets = targets(c, sql, table);
        if (loader != null) {
            c.setAutoCommit(false);
            long rows = loader.load(c, sql.tableName(table),
                    columns.stream().map(col -> sql.columnName(col.name())).collect(Collectors.toList()), columns,
                    targets, reader);
            c.commit();
            return rows;
        }
        String insert = "INSERT INTO " + sql.tableName(table) + " ("
                + columns.stream().map(col -> sql.columnName(col.name())).collect(Collectors.joining(", ")) + ") "
                + (insertOverride.isEmpty() ? "" : insertOverride + " ") + "VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        c.setAutoCommit(false);
        long rows = 0;
        int pending = 0;
        List<SpooledValue> spooled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof SpooledValue value) {
                        spooled.add(value);
                    }
                    JdbcValues.bind(ps, i + 1, columns.get(i).type(), targets.get(i), row[i], untypedStrings);
                }
                ps.addBatch();
                pending++;
                rows++;
                // A row with a value on disk goes at once, so its files can go and memory stays flat.
                if (pending >= BATCH || !spooled.isEmpty()) {
                    ps.executeBatch();
                    pending = 0;
                    spooled.forEach(SpooledValue::close);
                    spooled.clear();
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            SQLException next = e.getNextException();
            throw next == null ? e : new SQLException(e.getMessage() + "; " + next.getMessage(), e.getSQLState(), e);
        } finally {
            spooled.forEach(SpooledValue::close);
        }
        return rows;
    }

    private static List<JdbcValues.Target> targets(Connection c, DdlWriter sql, TableDef table) throws SQLException {
        String probe = "SELECT " + table.columns().stream().map(col -> sql.columnName(col.name()))
                .collect(Collectors.joining(", ")) + " FROM " + sql.tableName(table) + " WHERE 1 = 0";
        List<JdbcValues.Target> targets = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                targets.add(new JdbcValues.Target(meta.getColumnType(i), meta.getColumnTypeName(i)));
            }
        }
        return targets;
    }

    private static Path spoolDirectory(MethodContext context) {
        try {
            Files.createDirectories(context.workDir());
            return Files.createTempDirectory(context.workDir(), "jdbc-restore-");
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot create a working directory in '"
                    + context.workDir() + "': " + e.getMessage(), null, e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Only spool files of this restore, removed with the work directory at the latest.
        }
    }

    private static String abbreviated(String statement) {
        return statement.length() > 200 ? statement.substring(0, 200) + "..." : statement;
    }
}
