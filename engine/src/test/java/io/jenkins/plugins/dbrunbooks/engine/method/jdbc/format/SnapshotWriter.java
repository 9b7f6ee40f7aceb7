package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a version 1 snapshot stream, as backups made before version 2 are, so the tests can prove they still
 * read: the header and schema, then each table's rows in the schema's table order, then the
 * end marker. Nothing is held beyond one buffer and one row's small values; large values are copied through in
 * chunks. The caller's stream is flushed by {@link #finish()}, not closed.
 */
public final class SnapshotWriter {
    private final DataOutputStream out;
    private final SchemaSnapshot schema;
    private int nextTable;
    private List<ColumnDef> columns;
    private long rows;

    public SnapshotWriter(OutputStream target, SchemaSnapshot schema) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        this.schema = schema;
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(SnapshotFormat.VERSION_1);
        byte[] json = SnapshotFormat.JSON.writeValueAsBytes(schema);
        out.writeInt(json.length);
        out.write(json);
    }

    /** Starts the next table of the schema, which must be {@code table}. */
    public void startTable(TableDef table) throws IOException {
        if (columns != null || nextTable >= schema.tables().size() || !schema.tables().get(nextTable).equals(table)) {
            throw new IllegalStateException("Tables must be written once each, in the schema's order");
        }
        out.writeByte(SnapshotFormat.TABLE_START);
        out.writeInt(nextTable);
        columns = table.columns();
        rows = 0;
    }

    /**
     * Writes one row, a value per column in order; null for SQL NULL. TEXT values may be Readers and BLOB values
     * InputStreams, which are read to their end but not closed.
     */
    public void writeRow(Object... values) throws IOException {
        if (columns == null || values.length != columns.size()) {
            throw new IllegalStateException("A row needs a started table and one value per column");
        }
        RowEncoding.write(out, columns, values);
        rows++;
    }

    /** Ends the current table; returns its row count. */
    public long endTable() throws IOException {
        if (columns == null) {
            throw new IllegalStateException("No table was started");
        }
        out.writeByte(SnapshotFormat.TABLE_END);
        out.writeLong(rows);
        columns = null;
        nextTable++;
        return rows;
    }

    public void finish() throws IOException {
        if (columns != null || nextTable != schema.tables().size()) {
            throw new IllegalStateException("Every table must be written before the snapshot ends");
        }
        out.writeByte(SnapshotFormat.STREAM_END);
        out.flush();
    }
}
