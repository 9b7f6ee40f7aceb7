package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
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

/**
 * Writes one consistent snapshot of a database in version 1 of the format, as backups made before version 2 are:
 * its schema, then every table's rows, streamed. The engine writes version 2 only; this keeps the version 1
 * reader honest.
 */
final class SnapshotBackup {
    private static final int FETCH_SIZE = 1000;

    private final SnapshotDialect dialect;
    private final int fetchSize;

    /** {@code fetchSize} is what makes the engine's driver stream rows rather than hold a whole table. */
    SnapshotBackup(SnapshotDialect dialect, int fetchSize) {
        this.dialect = dialect;
        this.fetchSize = fetchSize;
    }

    SnapshotBackup(SnapshotDialect dialect) {
        this(dialect, FETCH_SIZE);
    }

    BackupReceipt run(MethodContext context, OutputStream out) {
        String current = "the schema";
        try (ConsistentRead read = dialect.openRead(context, 1)) {
            SchemaSnapshot schema = dialect.catalogReader().read(read.catalog());
            ParallelCopyBackup.reportNotCarried(context, schema.notCarried());
            DdlWriter sql = dialect.ddlWriter();
            SnapshotWriter writer = new SnapshotWriter(out, schema);
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            for (TableDef table : schema.tables()) {
                current = "'" + table.qualifiedName() + "'";
                rowCounts.put(table.qualifiedName(), copyRows(read, sql, table, writer));
            }
            writer.finish();
            String version = read.catalog().getMetaData().getDatabaseProductVersion();
            return new BackupReceipt(version, ParallelCopyBackup.TOOL, "format 1", rowCounts,
                    SnapshotCoverage.describe(schema.notCarried()));
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading " + current + " for the jdbc backup failed: "
                    + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    private long copyRows(ConsistentRead read, DdlWriter sql, TableDef table, SnapshotWriter writer)
            throws SQLException, IOException {
        List<ColumnDef> columns = table.columns();
        String select = ParallelCopyBackup.selectStatement(dialect, sql, table);
        writer.startTable(table);
        try (Statement s = read.rows().createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(fetchSize);
            try (ResultSet rs = s.executeQuery(select)) {
                String[] engineOnly = new String[columns.size()];
                SnapshotDialect.ValueReader[] readers = columns.stream().map(c -> dialect.reader(c.type(), engineOnly))
                        .toArray(SnapshotDialect.ValueReader[]::new);
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while reading '"
                                + table.qualifiedName() + "'");
                    }
                    for (int i = 0; i < row.length; i++) {
                        row[i] = readers[i].read(rs, i + 1);
                    }
                    writer.writeRow(row);
                }
            }
        }
        return writer.endTable();
    }
}
