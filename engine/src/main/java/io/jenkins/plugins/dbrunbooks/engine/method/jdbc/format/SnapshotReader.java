package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads a snapshot stream, checking the structure and row counts as it goes. A version 1 stream is read table by
 * table and row by row ({@link #nextTable()}, {@link #nextRow()}); a version 2 stream interleaves the data of
 * several tables, which {@link #readData(DataVisitor)} hands out segment by segment, and each table's data is read
 * row by row through a reader of its own ({@link #forTable}). Any damage, including a stream that ends early, is an
 * {@link ErrorKind#INTEGRITY} error.
 */
public final class SnapshotReader {
    /** TEXT and BLOB values above this many bytes are moved to a file of the spool directory. */
    public static final int DEFAULT_SPILL_ABOVE = 1 << 20;

    private final DataInputStream in;
    private final ValueCodec codec;
    private final SchemaSnapshot schema;
    private final int version;
    private final int maxOpen;
    /** For a reader of one table's data (version 2): its encoding, else null. */
    private final TableEncoding encoding;
    private final LongSupplier claimedRows;
    private final PgBinaryDecoder copyRows;
    private int nextTable;
    private TableDef table;
    private long rows;
    private boolean ended;

    private SnapshotReader(DataInputStream in, ValueCodec codec, SchemaSnapshot schema, int version, int maxOpen) {
        this.in = in;
        this.codec = codec;
        this.schema = schema;
        this.version = version;
        this.maxOpen = maxOpen;
        this.encoding = null;
        this.claimedRows = null;
        this.copyRows = null;
    }

    private SnapshotReader(DataInputStream in, ValueCodec codec, TableDef table, TableEncoding encoding,
            LongSupplier claimedRows) {
        this.in = in;
        this.codec = codec;
        this.schema = null;
        this.version = SnapshotFormat.VERSION;
        this.maxOpen = 1;
        this.table = table;
        this.encoding = encoding;
        this.claimedRows = claimedRows;
        this.copyRows = encoding.isPgCopy() ? new PgBinaryDecoder(in, table.columns(), encoding.pgTypes(), codec)
                : null;
    }

    /**
     * A reader of one table's data from a version 2 stream, which {@link #nextRow()} reads row by row to its end.
     *
     * @param data the concatenated segments of the table, ending where the table ends
     * @param claimedRows the row count the stream claims for the table, asked once {@code data} has ended
     */
    public static SnapshotReader forTable(InputStream data, LongSupplier claimedRows, TableDef table,
            TableEncoding encoding, Path spoolDirectory, int spillAbove) {
        return new SnapshotReader(new DataInputStream(new ReadBuffer(data, 1 << 16)),
                new ValueCodec(spoolDirectory, spillAbove), table, encoding, claimedRows);
    }

    /** Reads the header and schema; large values will be spooled into {@code spoolDirectory}. */
    public static SnapshotReader open(InputStream source, Path spoolDirectory) {
        return open(source, spoolDirectory, DEFAULT_SPILL_ABOVE);
    }

    public static SnapshotReader open(InputStream source, Path spoolDirectory, int spillAbove) {
        DataInputStream in = new DataInputStream(new ReadBuffer(source, 1 << 16));
        try {
            byte[] magic = in.readNBytes(SnapshotFormat.MAGIC.length);
            if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
                throw new RunbookException(ErrorKind.INTEGRITY, "The payload is not a jdbc snapshot (it does not"
                        + " start with 'DBRJ')");
            }
            int version = in.readUnsignedShort();
            if (version == 0) {
                throw new IOException("format version 0 does not exist");
            }
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
            int maxOpen = 1;
            if (version >= 2) {
                maxOpen = in.readUnsignedShort();
                if (maxOpen == 0) {
                    throw new IOException("it allows no table to be open");
                }
            }
            return new SnapshotReader(in, new ValueCodec(spoolDirectory, spillAbove), schema, version, maxOpen);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    public SchemaSnapshot schema() {
        return schema;
    }

    /** The stream's format version: 1 is read with {@link #nextTable()}, 2 with {@link #readData}. */
    public int version() {
        return version;
    }

    /** The most tables whose data a version 2 stream has open at once (1 for version 1). */
    public int maxOpenTables() {
        return maxOpen;
    }

    /** The next table, or null after the last one once the end marker was read (version 1). */
    public TableDef nextTable() {
        if (version != 1 || encoding != null) {
            throw new IllegalStateException("A version " + version + " snapshot is read with readData");
        }
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
        if (encoding != null) {
            return nextTableRow();
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
            rows++;
            return rowValues();
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private Object[] rowValues() throws IOException {
        List<ColumnDef> columns = table.columns();
        byte[] nulls = new byte[(columns.size() + 7) / 8];
        in.readFully(nulls);
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            if ((nulls[i / 8] & (1 << (i % 8))) == 0) {
                values[i] = codec.read(in, columns.get(i).type());
            }
        }
        return values;
    }

    /** A row of one table's data in a version 2 stream; at its end the rows read must be the rows claimed. */
    private Object[] nextTableRow() {
        try {
            Object[] values;
            if (copyRows != null) {
                values = copyRows.nextRow();
                if (values == null && in.read() != -1) {
                    throw new IOException("data follows the COPY trailer of '" + table.qualifiedName() + "'");
                }
            } else {
                int marker = in.read();
                if (marker == -1) {
                    values = null;
                } else if (marker != SnapshotFormat.ROW) {
                    throw new IOException("unexpected marker " + marker + " in the rows of '"
                            + table.qualifiedName() + "'");
                } else {
                    values = rowValues();
                }
            }
            if (values == null) {
                long claimed = claimedRows.getAsLong();
                if (claimed != rows) {
                    throw new IOException("table '" + table.qualifiedName() + "' claims " + claimed
                            + " rows but has " + rows);
                }
                ended = true;
                return null;
            }
            rows++;
            return values;
        } catch (PgBinaryDecoder.MultiDimensionalArrayException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "'" + table.qualifiedName() + "' has "
                    + e.getMessage(), null, e);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * Receives the data of a version 2 stream as {@link #readData} reads it. From version 5 a table's data may come
     * in several parts, each like a table of its own; {@link #readData} calls the part-aware methods, whose defaults
     * pass a table in one part to the older ones and refuse one in several.
     */
    public interface DataVisitor {
        /** Table {@code index} of the schema begins; its data follows in {@code encoding}. */
        void begin(int index, TableDef table, TableEncoding encoding) throws InterruptedException;

        /** The next bytes of table {@code index}; the array is the visitor's to keep. */
        void segment(int index, byte[] data) throws InterruptedException;

        /** Table {@code index} ended; the stream claims {@code rows} rows for it. */
        void end(int index, long rows) throws InterruptedException;

        /**
         * Part {@code part} (from 0) of the {@code parts} parts of table {@code index}'s data begins; each part is
         * complete data in {@code encoding}, and the table's rows are those of all its parts.
         */
        default void begin(int index, int part, int parts, TableDef table, TableEncoding encoding)
                throws InterruptedException {
            if (parts != 1) {
                throw new UnsupportedOperationException("This reader takes no table in several parts");
            }
            begin(index, table, encoding);
        }

        /** The next bytes of part {@code part} of table {@code index}; the array is the visitor's to keep. */
        default void segment(int index, int part, byte[] data) throws InterruptedException {
            segment(index, data);
        }

        /** Part {@code part} of table {@code index} ended; the stream claims {@code rows} rows for it. */
        default void end(int index, int part, long rows) throws InterruptedException {
            end(index, rows);
        }
    }

    /**
     * Reads the data of a version 2 stream to its end marker, checking its structure: each table (from version 5,
     * each part of a table) begins once, data and ends only for open ones, never more than
     * {@link #maxOpenTables()} open, every table ended.
     */
    public void readData(DataVisitor visitor) throws InterruptedException {
        if (version < 2 || encoding != null) {
            throw new IllegalStateException("Only a version 2 snapshot is read with readData");
        }
        boolean split = version >= SnapshotFormat.VERSION;
        int count = schema.tables().size();
        // Per table: its part count once a part began, the parts begun, the parts ended.
        int[] partCount = new int[count];
        int[] begun = new int[count];
        int[] partsEnded = new int[count];
        // Per table, per part: 0 not begun, 1 open, 2 ended (a table in one part uses slot 0).
        byte[][] state = new byte[count][];
        TableEncoding[] encodings = new TableEncoding[count];
        int open = 0;
        int done = 0;
        try {
            while (true) {
                int marker = in.readUnsignedByte();
                if (marker == SnapshotFormat.STREAM_END) {
                    if (done != count) {
                        throw new IOException("it ends after " + done + " of " + count + " tables");
                    }
                    ended = true;
                    return;
                }
                if (marker != SnapshotFormat.TABLE_BEGIN && marker != SnapshotFormat.SEGMENT
                        && marker != SnapshotFormat.TABLE_END) {
                    throw new IOException("unexpected marker " + marker + " in the data");
                }
                int index = in.readInt();
                if (index < 0 || index >= count) {
                    throw new IOException("table " + index + " is not in the schema");
                }
                int part = split ? in.readUnsignedShort() : 0;
                if (marker == SnapshotFormat.TABLE_BEGIN) {
                    int parts = split ? in.readUnsignedShort() : 1;
                    if (parts < 1 || part >= parts) {
                        throw new IOException("table " + index + " begins part " + part + " of " + parts);
                    }
                    if (state[index] == null) {
                        state[index] = new byte[parts];
                        partCount[index] = parts;
                    } else if (partCount[index] != parts) {
                        throw new IOException("table " + index + " is in " + partCount[index] + " parts and in "
                                + parts);
                    }
                    if (state[index][part] != 0) {
                        throw new IOException(parts == 1 ? "table " + index + " begins twice"
                                : "part " + part + " of table " + index + " begins twice");
                    }
                    if (++open > maxOpen) {
                        throw new IOException("more than " + maxOpen + " tables are open at once");
                    }
                    TableDef table = schema.tables().get(index);
                    TableEncoding partEncoding = readEncoding(table);
                    if (encodings[index] != null && !encodings[index].equals(partEncoding)) {
                        throw new IOException("the parts of table " + index + " differ in their encoding");
                    }
                    encodings[index] = partEncoding;
                    state[index][part] = 1;
                    begun[index]++;
                    visitor.begin(index, part, parts, table, partEncoding);
                    continue;
                }
                if (state[index] == null || part >= state[index].length || state[index][part] != 1) {
                    throw new IOException(split ? "part " + part + " of table " + index
                            + " has data or an end but is not open"
                            : "table " + index + " has data or an end but is not open");
                }
                if (marker == SnapshotFormat.SEGMENT) {
                    int length = in.readInt();
                    if (length < 1 || length > SnapshotFormat.MAX_CHUNK) {
                        throw new IOException("segment length " + length + " is out of range");
                    }
                    byte[] data = new byte[length];
                    in.readFully(data);
                    visitor.segment(index, part, data);
                } else {
                    long claimed = in.readLong();
                    if (claimed < 0) {
                        throw new IOException("table " + index + " claims " + claimed + " rows");
                    }
                    state[index][part] = 2;
                    open--;
                    if (++partsEnded[index] == partCount[index]) {
                        done++;
                    }
                    visitor.end(index, part, claimed);
                }
            }
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private TableEncoding readEncoding(TableDef begun) throws IOException {
        int code = in.readUnsignedByte();
        if (code == TableEncoding.ROWS) {
            return TableEncoding.rows();
        }
        if (code != TableEncoding.PG_COPY) {
            throw new IOException("table '" + begun.qualifiedName() + "' has the unknown encoding " + code);
        }
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < begun.columns().size(); i++) {
            byte[] name = in.readNBytes(in.readUnsignedByte());
            String type = new String(name, java.nio.charset.StandardCharsets.US_ASCII);
            if (!TableEncoding.known(type)) {
                throw new IOException("table '" + begun.qualifiedName() + "' has the unknown binary form '" + type
                        + "'");
            }
            types.add(type);
        }
        return TableEncoding.pgCopy(types);
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
