package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a version 2, 3, 4 or 5 snapshot stream (the same layout; see {@link #SAME_ENGINE_DEFINITIONS},
 * {@link #NATIVE_DEFINITIONS} and {@link #SPLIT}): the header and schema, then the data of several tables at once
 * as segments tagged with their table (and from version 5, with the part of the table), then the end marker. One
 * thread calls it; workers reading tables in parallel hand it their segments. The caller's stream is flushed by
 * {@link #finish()}, not closed.
 */
public final class InterleavedSnapshotWriter {
    private static final byte NOT_BEGUN = 0;
    private static final byte OPEN = 1;
    private static final byte ENDED = 2;

    private final DataOutputStream out;
    private final SchemaSnapshot schema;
    private final int maxOpen;
    private final int version;
    /** Per table, per part: {@link #NOT_BEGUN}, {@link #OPEN} or {@link #ENDED}; null before its first part. */
    private final byte[][] state;
    private final int[] partsEnded;
    private int open;
    private int ended;

    /** The version every reader since the parallel backup reads. */
    public static final int INTERLEAVED = SnapshotFormat.VERSION_2;
    /**
     * The version of a stream whose schema holds definitions only a reader that knows them restores (a PostgreSQL
     * generated column's expression): a version 2 reader refuses it rather than restore less without a word.
     */
    public static final int SAME_ENGINE_DEFINITIONS = SnapshotFormat.VERSION_3;
    /**
     * The version of a stream whose schema holds the source server's own definitions (routines, triggers,
     * policies...): a version 3 reader refuses it rather than restore without them.
     */
    public static final int NATIVE_DEFINITIONS = SnapshotFormat.VERSION_4;
    /**
     * The version of a stream where a table's data may come in several parts, read and loaded at once; its schema
     * may hold all that version 4's holds.
     */
    public static final int SPLIT = SnapshotFormat.VERSION;
    /** The most parts one table's data comes in. */
    public static final int MAX_PARTS = SnapshotFormat.MAX_PARTS;

    /** The version a schema needs: {@link #NATIVE_DEFINITIONS} when it holds any, else {@code engineVersion}. */
    public static int versionFor(SchemaSnapshot schema, int engineVersion) {
        return schema.definitions().isEmpty() ? engineVersion : NATIVE_DEFINITIONS;
    }

    /** @param maxOpen the most tables whose data is open at once; a reader must demultiplex as many */
    public InterleavedSnapshotWriter(OutputStream target, SchemaSnapshot schema, int maxOpen) throws IOException {
        this(target, schema, maxOpen, INTERLEAVED);
    }

    /**
     * @param maxOpen the most tables (from version 5, parts of tables) whose data is open at once
     * @param version {@link #INTERLEAVED}, {@link #SAME_ENGINE_DEFINITIONS}, {@link #NATIVE_DEFINITIONS} or
     *     {@link #SPLIT}
     */
    public InterleavedSnapshotWriter(OutputStream target, SchemaSnapshot schema, int maxOpen, int version)
            throws IOException {
        if (maxOpen < 1 || maxOpen > 0xffff) {
            throw new IllegalArgumentException("maxOpen must be from 1 to 65535");
        }
        if (version != INTERLEAVED && version != SAME_ENGINE_DEFINITIONS && version != NATIVE_DEFINITIONS
                && version != SPLIT) {
            throw new IllegalArgumentException("An interleaved snapshot is version 2, 3, 4 or 5");
        }
        if (version < NATIVE_DEFINITIONS && !schema.definitions().isEmpty()) {
            throw new IllegalArgumentException("Only a version 4 or 5 snapshot holds the source's own definitions");
        }
        this.out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        this.schema = schema;
        this.maxOpen = maxOpen;
        this.version = version;
        this.state = new byte[schema.tables().size()][];
        this.partsEnded = new int[schema.tables().size()];
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(version);
        byte[] json = SnapshotFormat.JSON.writeValueAsBytes(schema);
        out.writeInt(json.length);
        out.write(json);
        out.writeShort(maxOpen);
    }

    /** Starts table {@code index} of the schema in the given encoding, its data in one part. */
    public void begin(int index, TableEncoding encoding) throws IOException {
        begin(index, 0, 1, encoding);
    }

    /**
     * Starts part {@code part} (from 0) of the {@code parts} parts of table {@code index}'s data, in the given
     * encoding; every part of a table names the same count and encoding. More than one part needs version 5.
     */
    public void begin(int index, int part, int parts, TableEncoding encoding) throws IOException {
        if (index < 0 || index >= state.length) {
            throw new IllegalStateException("Table " + index + " is not in the schema");
        }
        if (parts < 1 || parts > MAX_PARTS || part < 0 || part >= parts) {
            throw new IllegalArgumentException("Part " + part + " of " + parts + " parts");
        }
        if (parts > 1 && version < SPLIT) {
            throw new IllegalArgumentException("Only a version 5 snapshot holds a table in several parts");
        }
        if (state[index] == null) {
            state[index] = new byte[parts];
        } else if (state[index].length != parts) {
            throw new IllegalStateException("Table " + index + " is in " + state[index].length + " parts");
        }
        if (state[index][part] != NOT_BEGUN) {
            throw new IllegalStateException("Table " + index + " cannot begin: each table begins once");
        }
        if (open >= maxOpen) {
            throw new IllegalStateException("More than " + maxOpen + " tables would be open at once");
        }
        List<ColumnDef> columns = schema.tables().get(index).columns();
        if (encoding.isPgCopy() && encoding.pgTypes().size() != columns.size()) {
            throw new IllegalArgumentException("The COPY encoding names one binary form per column");
        }
        out.writeByte(SnapshotFormat.TABLE_BEGIN);
        out.writeInt(index);
        if (version >= SPLIT) {
            out.writeShort(part);
            out.writeShort(parts);
        }
        out.writeByte(encoding.code());
        if (encoding.isPgCopy()) {
            for (String type : encoding.pgTypes()) {
                byte[] name = type.getBytes(StandardCharsets.UTF_8);
                out.writeByte(name.length);
                out.write(name);
            }
        }
        state[index][part] = OPEN;
        open++;
    }

    /** Appends bytes to the data of open table {@code index}; segments longer than the format's limit are split. */
    public void segment(int index, byte[] data, int offset, int length) throws IOException {
        segment(index, 0, data, offset, length);
    }

    /** Appends bytes to the data of open part {@code part} of table {@code index}. */
    public void segment(int index, int part, byte[] data, int offset, int length) throws IOException {
        requireOpen(index, part);
        while (length > 0) {
            int n = Math.min(length, SnapshotFormat.SEGMENT_SIZE);
            out.writeByte(SnapshotFormat.SEGMENT);
            out.writeInt(index);
            if (version >= SPLIT) {
                out.writeShort(part);
            }
            out.writeInt(n);
            out.write(data, offset, n);
            offset += n;
            length -= n;
        }
    }

    /** Ends the data of table {@code index}, which had {@code rows} rows. */
    public void end(int index, long rows) throws IOException {
        end(index, 0, rows);
    }

    /** Ends part {@code part} of table {@code index}, which had {@code rows} rows. */
    public void end(int index, int part, long rows) throws IOException {
        requireOpen(index, part);
        out.writeByte(SnapshotFormat.TABLE_END);
        out.writeInt(index);
        if (version >= SPLIT) {
            out.writeShort(part);
        }
        out.writeLong(rows);
        state[index][part] = ENDED;
        open--;
        if (++partsEnded[index] == state[index].length) {
            ended++;
        }
    }

    public void finish() throws IOException {
        if (ended != state.length) {
            throw new IllegalStateException("Every table must end before the snapshot ends");
        }
        out.writeByte(SnapshotFormat.STREAM_END);
        out.flush();
    }

    private void requireOpen(int index, int part) {
        if (index < 0 || index >= state.length || state[index] == null || part < 0 || part >= state[index].length
                || state[index][part] != OPEN) {
            throw new IllegalStateException("Table " + index + " is not open");
        }
    }
}
