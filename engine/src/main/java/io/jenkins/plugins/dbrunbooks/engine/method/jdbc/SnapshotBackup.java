package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes one consistent snapshot of a database: its schema, then every table's rows, streamed. */
final class SnapshotBackup {
    static final String TOOL = "dbrunbooks jdbc";
    private static final int FETCH_SIZE = 1000;

    private final String engine;
    private final ConsistentRead.Opener opener;
    private final int fetchSize;

    /** {@code fetchSize} is what makes the engine's driver stream rows rather than hold a whole table. */
    SnapshotBackup(String engine, ConsistentRead.Opener opener, int fetchSize) {
        this.engine = engine;
        this.opener = opener;
        this.fetchSize = fetchSize;
    }

    SnapshotBackup(String engine, ConsistentRead.Opener opener) {
        this(engine, opener, FETCH_SIZE);
    }

    BackupReceipt run(MethodContext context, OutputStream out) {
        String current = "the schema";
        try (ConsistentRead read = opener.open(context)) {
            SchemaSnapshot schema = Dialects.reader(engine).read(read.catalog());
            reportNotCarried(context, schema.notCarried());
            DdlWriter sql = Dialects.writer(engine);
            SnapshotWriter writer = new SnapshotWriter(out, schema);
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            for (TableDef table : schema.tables()) {
                current = "'" + table.qualifiedName() + "'";
                rowCounts.put(table.qualifiedName(), copyRows(read, sql, table, writer));
            }
            writer.finish();
            String version = read.catalog().getMetaData().getDatabaseProductVersion();
            return new BackupReceipt(version, TOOL, "format 1", rowCounts,
                    SnapshotCoverage.describe(schema.notCarried()));
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading " + current + " for the jdbc backup failed: "
                    + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    static void reportNotCarried(MethodContext context, List<NotCarried> objects) {
        if (!objects.isEmpty()) {
            context.listener().message("Not carried: " + objects.stream().map(NotCarried::describe)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The statement that reads every row of {@code table} from {@code engine}, columns in the schema's order. */
    static String select(String engine, DdlWriter sql, TableDef table) {
        boolean mariaDb = MariaDbCatalogReader.ENGINE.equals(engine);
        return "SELECT " + table.columns().stream().map(c -> mariaDb
                ? JdbcValues.mariaDbSelect(sql.columnName(c.name()), c.type()) : sql.columnName(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + sql.tableName(table);
    }

    /** One value of a row {@link #select} read from {@code engine}. */
    static Object read(String engine, ResultSet rs, int index, ColumnDef column) throws SQLException {
        return MariaDbCatalogReader.ENGINE.equals(engine) ? JdbcValues.readMariaDb(rs, index, column.type())
                : JdbcValues.read(rs, index, column.type());
    }

    private long copyRows(ConsistentRead read, DdlWriter sql, TableDef table, SnapshotWriter writer)
            throws SQLException, IOException {
        List<ColumnDef> columns = table.columns();
        String select = select(engine, sql, table);
        writer.startTable(table);
        try (Statement s = read.rows().createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(fetchSize);
            try (ResultSet rs = s.executeQuery(select)) {
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while reading '"
                                + table.qualifiedName() + "'");
                    }
                    for (int i = 0; i < row.length; i++) {
                        row[i] = read(engine, rs, i + 1, columns.get(i));
                    }
                    writer.writeRow(row);
                }
            }
        }
        return writer.endTable();
    }
}
