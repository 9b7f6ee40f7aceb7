package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a snapshot stream table by table and row by row, checking the structure and row counts as it goes.
 * Any damage, including a stream that ends early, is an {@link ErrorKind#INTEGRITY} error.
 */
public final class SnapshotReader {
    /** TEXT and BLOB values above this many bytes are moved to a file of the spool directory. */
    public static final int DEFAULT_SPILL_ABOVE = 1 << 20;

    private final DataInputStream in;
    private final ValueCodec codec;
    private final SchemaSnapshot schema;
    private int nextTable;
    private TableDef table;
    private long rows;
    private boolean ended;

    private SnapshotReader(DataInputStream in, ValueCodec codec, SchemaSnapshot schema) {
        this.in = in;
        this.codec = codec;
        this.schema = schema;
    }

    /** Reads the header and schema; large values will be spooled into {@code spoolDirectory}. */
    public static SnapshotReader open(InputStream source, Path spoolDirectory) {
        return open(source, spoolDirectory, DEFAULT_SPILL_ABOVE);
    }

    public static SnapshotReader open(InputStream source, Path spoolDirectory, int spillAbove) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        try {
            byte[] magic = in.readNBytes(SnapshotFormat.MAGIC.length);
            if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
                throw new RunbookException(ErrorKind.INTEGRITY, "The payload is not a jdbc snapshot (it does not"
                        + " start with 'DBRJ')");
            }
            int version = in.readUnsignedShort();
            if (version > SnapshotFormat.VERSION) {
                throw new RunbookException(ErrorKind.INTEGRITY, "The snapshot has format version " + version
                        + " and was made by a newer dbrunbooks; this version reads up to " + SnapshotFormat.VERSION,
                        "Restore it with a newer dbrunbooks.");
            }
            int length = in.readInt();
            if (length < 0 || length > SnapshotFormat.MAX_INLINE) {
                throw new IOException("schema length " + length + " is out of range");
            }
            byte[] json = new byte[length];
            in.readFully(json);
            SchemaSnapshot schema = SnapshotFormat.JSON.readValue(json, SchemaSnapshot.class);
            return new SnapshotReader(in, new ValueCodec(spoolDirectory, spillAbove), schema);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    public SchemaSnapshot schema() {
        return schema;
    }

    /** The next table, or null after the last one once the end marker was read. */
    public TableDef nextTable() {
        if (table != null) {
            throw new IllegalStateException("The rows of '" + table.qualifiedName() + "' were not all read");
        }
        try {
            int marker = in.readUnsignedByte();
            if (marker == SnapshotFormat.STREAM_END) {
                if (nextTable != schema.tables().size()) {
                    throw new IOException("it ends after " + nextTable + " of " + schema.tables().size() + " tables");
                }
                ended = true;
                return null;
            }
            if (marker != SnapshotFormat.TABLE_START) {
                throw new IOException("unexpected marker " + marker + " where a table starts");
            }
            int index = in.readInt();
            if (index != nextTable) {
                throw new IOException("table " + index + " comes where table " + nextTable + " belongs");
            }
            table = schema.tables().get(nextTable++);
            rows = 0;
            return table;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * The current table's next row, a value per column (null for NULL), or null at the table's end. Spooled
     * values belong to the caller, who closes them.
     */
    public Object[] nextRow() {
        if (table == null) {
            throw new IllegalStateException("No table is being read");
        }
        try {
            int marker = in.readUnsignedByte();
            if (marker == SnapshotFormat.TABLE_END) {
                long count = in.readLong();
                if (count != rows) {
                    throw new IOException("table '" + table.qualifiedName() + "' claims " + count + " rows but has "
                            + rows);
                }
                table = null;
                return null;
            }
            if (marker != SnapshotFormat.ROW) {
                throw new IOException("unexpected marker " + marker + " in the rows of '" + table.qualifiedName()
                        + "'");
            }
            List<ColumnDef> columns = table.columns();
            byte[] nulls = new byte[(columns.size() + 7) / 8];
            in.readFully(nulls);
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                if ((nulls[i / 8] & (1 << (i % 8))) == 0) {
                    values[i] = codec.read(in, columns.get(i).type());
                }
            }
            rows++;
            return values;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /** Rows read of the current table so far, or of the last one once it ended. */
    public long rowsRead() {
        return rows;
    }

    public boolean ended() {
        return ended;
    }

    private static RunbookException damaged(IOException e) {
        String why = e instanceof EOFException ? "it ends early (the payload is truncated)" : e.getMessage();
        return new RunbookException(ErrorKind.INTEGRITY, "The jdbc snapshot is damaged: " + why, null, e);
    }
}
