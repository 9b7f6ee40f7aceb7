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
 * Writes a version 2, 3 or 4 snapshot stream (the same layout; see {@link #SAME_ENGINE_DEFINITIONS} and
 * {@link #NATIVE_DEFINITIONS}): the header and schema, then the data of several tables at once as
 * segments tagged with their table, then the end marker. One thread calls it; workers reading tables in parallel
 * hand it their segments. The caller's stream is flushed by {@link #finish()}, not closed.
 */
public final class InterleavedSnapshotWriter {
    private static final byte NOT_BEGUN = 0;
    private static final byte OPEN = 1;
    private static final byte ENDED = 2;

    private final DataOutputStream out;
    private final SchemaSnapshot schema;
    private final int maxOpen;
    private final byte[] state;
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
    public static final int NATIVE_DEFINITIONS = SnapshotFormat.VERSION;

    /** The version a schema needs: {@link #NATIVE_DEFINITIONS} when it holds any, else {@code engineVersion}. */
    public static int versionFor(SchemaSnapshot schema, int engineVersion) {
        return schema.definitions().isEmpty() ? engineVersion : NATIVE_DEFINITIONS;
    }

    /** @param maxOpen the most tables whose data is open at once; a reader must demultiplex as many */
    public InterleavedSnapshotWriter(OutputStream target, SchemaSnapshot schema, int maxOpen) throws IOException {
        this(target, schema, maxOpen, INTERLEAVED);
    }

    /** @param version {@link #INTERLEAVED}, {@link #SAME_ENGINE_DEFINITIONS} or {@link #NATIVE_DEFINITIONS} */
    public InterleavedSnapshotWriter(OutputStream target, SchemaSnapshot schema, int maxOpen, int version)
            throws IOException {
        if (maxOpen < 1 || maxOpen > 0xffff) {
            throw new IllegalArgumentException("maxOpen must be from 1 to 65535");
        }
        if (version != INTERLEAVED && version != SAME_ENGINE_DEFINITIONS && version != NATIVE_DEFINITIONS) {
            throw new IllegalArgumentException("An interleaved snapshot is version 2, 3 or 4");
        }
        if (version != NATIVE_DEFINITIONS && !schema.definitions().isEmpty()) {
            throw new IllegalArgumentException("Only a version 4 snapshot holds the source's own definitions");
        }
        this.out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        this.schema = schema;
        this.maxOpen = maxOpen;
        this.state = new byte[schema.tables().size()];
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(version);
        byte[] json = SnapshotFormat.JSON.writeValueAsBytes(schema);
        out.writeInt(json.length);
        out.write(json);
        out.writeShort(maxOpen);
    }

    /** Starts table {@code index} of the schema in the given encoding. */
    public void begin(int index, TableEncoding encoding) throws IOException {
        if (index < 0 || index >= state.length || state[index] != NOT_BEGUN) {
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
        out.writeByte(encoding.code());
        if (encoding.isPgCopy()) {
            for (String type : encoding.pgTypes()) {
                byte[] name = type.getBytes(StandardCharsets.UTF_8);
                out.writeByte(name.length);
                out.write(name);
            }
        }
        state[index] = OPEN;
        open++;
    }

    /** Appends bytes to the data of open table {@code index}; segments longer than the format's limit are split. */
    public void segment(int index, byte[] data, int offset, int length) throws IOException {
        requireOpen(index);
        while (length > 0) {
            int n = Math.min(length, SnapshotFormat.SEGMENT_SIZE);
            out.writeByte(SnapshotFormat.SEGMENT);
            out.writeInt(index);
            out.writeInt(n);
            out.write(data, offset, n);
            offset += n;
            length -= n;
        }
    }

    /** Ends the data of table {@code index}, which had {@code rows} rows. */
    public void end(int index, long rows) throws IOException {
        requireOpen(index);
        out.writeByte(SnapshotFormat.TABLE_END);
        out.writeInt(index);
        out.writeLong(rows);
        state[index] = ENDED;
        open--;
        ended++;
    }

    public void finish() throws IOException {
        if (ended != state.length) {
            throw new IllegalStateException("Every table must end before the snapshot ends");
        }
        out.writeByte(SnapshotFormat.STREAM_END);
        out.flush();
    }

    private void requireOpen(int index) {
        if (index < 0 || index >= state.length || state[index] != OPEN) {
            throw new IllegalStateException("Table " + index + " is not open");
        }
    }
}
