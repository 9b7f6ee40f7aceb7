package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the data offsets into the table of contents of a custom-format archive that pg_dump wrote to a pipe.
 * A dump written to a pipe cannot go back to fill them in, so every {@code pg_restore --jobs} worker reads through
 * the archive to find its table's data, which on a database dominated by one large table costs more than the load.
 * With the offsets each worker seeks straight to its data, and pg_restore starts the largest tables first, as for
 * a dump written to a file. The offsets are fixed-size fields that pg_dump itself rewrites in place when it can;
 * nothing else in the archive changes, and pg_restore still checks the block it finds there is the one it wants.
 * A restore finds them while it unpacks the payload ({@link #copy}), in the same pass; {@link #fill} does it to an
 * archive already on disk.
 */
final class ArchiveOffsets {
    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_CUSTOM = 1;
    static final int BLK_DATA = 1;
    static final int BLK_BLOBS = 3;
    static final int POS_NOT_SET = 1;
    static final int POS_SET = 2;
    static final int NO_DATA = 3;
    static final String TABLE_DATA = "TABLE DATA";
    private static final Set<String> SESSION_ENTRIES = Set.of("ENCODING", "STDSTRINGS",
            "SEARCHPATH");
    /** Archive versions 1.10 (PostgreSQL 8.0) to 1.16 (PostgreSQL 17): the layouts this reads. */
    private static final int OLDEST = archiveVersion(1, 10);
    private static final int NEWEST = archiveVersion(1, 16) + 255;

    private ArchiveOffsets() {
    }

    /**
     * What {@link #fill} or {@link #copy} did: offsets written, or why the archive was left as it was; and how many
     * tables' rows the archive holds (0 where it could not be read).
     */
    record Outcome(int filled, String unchangedBecause, int tableData) {
        static Outcome unchanged(String why) {
            return new Outcome(0, why, 0);
        }
    }

    /** Fills in the offsets of the data blocks of {@code archive} in place; leaves an archive it cannot read alone. */
    static Outcome fill(Path archive) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Scan scan = scan(new Reader(channel));
            if (scan.outcome() == null) {
                patch(channel, scan);
                return new Outcome(scan.patches().size(), null, scan.tableData());
            }
            return scan.outcome();
        }
    }

    /**
     * Copies an archive from {@code in} to {@code out} whole, finding its data offsets on the way; the returned
     * step writes them into the copy once {@code out} is closed. An archive it cannot read is copied as it is.
     */
    static Pending copy(InputStream in, OutputStream out) throws IOException {
        Reader reader = new Reader(in, out);
        Scan scan = scan(reader);
        reader.drain();
        return new Pending(scan);
    }

    /** The offsets found by {@link #copy}, to be written into the file it wrote. */
    static final class Pending {
        private final Scan scan;

        private Pending(Scan scan) {
            this.scan = scan;
        }

        Outcome writeInto(Path archive) throws IOException {
            if (scan.outcome() != null) {
                return scan.outcome();
            }
            try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
                patch(channel, scan);
            }
            return new Outcome(scan.patches().size(), null, scan.tableData());
        }
    }

    /** The offsets to write, or the outcome that leaves the archive as it is. */
    private record Scan(List<long[]> patches, int offsetSize, int tableData, Outcome outcome) {
    }

    private static Scan scan(Reader in) throws IOException {
        try {
            Header header = Header.read(in);
            if (header.problem() != null) {
                return new Scan(List.of(), 0, 0, Outcome.unchanged(header.problem()));
            }
            Map<Integer, Long> fields = new LinkedHashMap<>();
            int count = in.readInt();
            int tableData = 0;
            boolean written = false;
            for (int i = 0; i < count; i++) {
                int dumpId = in.readInt();
                tableData += TABLE_DATA.equals(readEntry(in, header.version(), dumpId).description()) ? 1 : 0;
                long field = in.position();
                int state = in.readByte();
                in.skip(header.offsetSize());
                if (state == POS_SET) {
                    written = true; // written to a file: it has its offsets already
                } else if (state == POS_NOT_SET) {
                    fields.put(dumpId, field);
                } else if (state != NO_DATA) {
                    return new Scan(List.of(), 0, 0,
                            Outcome.unchanged("an entry has an unknown offset state " + state));
                }
            }
            if (written) {
                return new Scan(List.of(), 0, tableData, new Outcome(0, null, tableData));
            }
            List<long[]> patches = new ArrayList<>();
            long block;
            while (!in.atEnd()) {
                block = in.position();
                int type = in.readByte();
                int dumpId = in.readInt();
                Long field = fields.remove(dumpId);
                if (field == null || (type != BLK_DATA && type != BLK_BLOBS)) {
                    return new Scan(List.of(), 0, 0,
                            Outcome.unchanged("a data block at byte " + block + " matches no entry"));
                }
                if (type == BLK_BLOBS) {
                    while (in.readInt() != 0) {
                        skipChunks(in);
                    }
                } else {
                    skipChunks(in);
                }
                patches.add(new long[] {field, block});
            }
            return new Scan(patches, header.offsetSize(), tableData, null);
        } catch (EOFException e) {
            return new Scan(List.of(), 0, 0, Outcome.unchanged("it ends early"));
        }
    }

    private static void patch(FileChannel channel, Scan scan) throws IOException {
        for (long[] patch : scan.patches()) {
            write(channel, patch[0], patch[1], scan.offsetSize());
        }
    }

    /**
     * One entry of the table of contents, as far as a restore needs it: its section, its COPY statement, and the
     * statement of the entries that set up a session (ENCODING, STDSTRINGS, SEARCHPATH), and what it depends on.
     *
     * @param dependencies the dump ids of the entries this one depends on, as pg_dump recorded them
     */
    record Entry(int dumpId, String description, int section, String tag, String schema, String copyStatement,
            String definition, List<Integer> dependencies) {
    }

    /** Reads one entry after its dump id, up to its offset field. */
    static Entry readEntry(Reader in, int version, int dumpId) throws IOException {
        in.readInt(); // had a dumper
        in.skipString(); // table oid
        in.skipString(); // oid
        String tag = in.readText();
        String description = in.readString();
        int section = 0;
        if (version >= archiveVersion(1, 11)) {
            section = in.readInt();
        }
        String definition = SESSION_ENTRIES.contains(description) ? in.readText() : null;
        if (definition == null) {
            in.skipString();
        }
        in.skipString(); // drop statement
        String copyStatement = TABLE_DATA.equals(description) ? in.readText() : null;
        if (copyStatement == null) {
            in.skipString();
        }
        String schema = in.readText();
        in.skipString(); // tablespace
        if (version >= archiveVersion(1, 14)) {
            in.skipString(); // table access method
        }
        if (version >= archiveVersion(1, 16)) {
            in.readInt(); // relkind
        }
        in.skipString(); // owner
        in.skipString(); // "with oids"
        List<Integer> dependencies = new ArrayList<>();
        String dependency;
        while ((dependency = in.readString()) != null) {
            // Dump ids, up to a null string; anything else is not pg_dump's and depends on nothing known.
            if (!dependency.isEmpty() && dependency.length() < 10 && dependency.chars().allMatch(Character::isDigit)) {
                dependencies.add(Integer.valueOf(dependency));
            }
        }
        return new Entry(dumpId, description, section, tag, schema, copyStatement, definition,
                List.copyOf(dependencies));
    }

    static void skipChunks(Reader in) throws IOException {
        int length;
        while ((length = in.readInt()) != 0) {
            if (length < 0) {
                throw new EOFException("negative chunk length");
            }
            in.skip(length);
        }
    }

    static void write(FileChannel channel, long field, long offset, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(1 + size);
        bytes.put((byte) POS_SET);
        for (int i = 0; i < size; i++) {
            bytes.put((byte) (i < Long.BYTES ? offset >>> (8 * i) : 0));
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
            channel.write(bytes, field + bytes.position());
        }
    }

    static int archiveVersion(int major, int minor) {
        return (major * 256 + minor) * 256;
    }

    /** @param compressed whether pg_dump compressed the data blocks */
    record Header(int version, int offsetSize, boolean compressed, String problem) {
        static Header read(Reader in) throws IOException {
            byte[] magic = new byte[MAGIC.length];
            for (int i = 0; i < magic.length; i++) {
                magic[i] = (byte) in.readByte();
            }
            if (!Arrays.equals(magic, MAGIC)) {
                return new Header(0, 0, false, "it is not a custom-format archive");
            }
            int version = archiveVersion(in.readByte(), in.readByte()) + in.readByte();
            if (version < OLDEST || version > NEWEST) {
                return new Header(version, 0, false, "its format version " + (version >> 16) + "."
                        + ((version >> 8) & 0xff) + " is not one this reads");
            }
            in.intSize = in.readByte();
            int offsetSize = in.readByte();
            int format = in.readByte();
            if (in.intSize < 1 || in.intSize > 8 || offsetSize < 1 || offsetSize > 8 || format != FORMAT_CUSTOM) {
                return new Header(version, offsetSize, false, "its header is not that of a custom-format archive");
            }
            boolean compressed;
            if (version >= archiveVersion(1, 15)) {
                compressed = in.readByte() != 0; // compression algorithm
            } else {
                compressed = in.readInt() != 0; // compression level
            }
            for (int i = 0; i < 7; i++) {
                in.readInt(); // creation time
            }
            in.skipString(); // database name
            in.skipString(); // server version
            in.skipString(); // pg_dump version
            return new Header(version, offsetSize, compressed, null);
        }
    }

    /**
     * Reads pg_dump's integers (a sign byte, then little-endian bytes) through a buffer: from a file, skipping by
     * seeking, or from a stream, writing every byte it reads on to the copy.
     */
    static final class Reader {
        /**
         * Bytes read from a stream at a time, and so written to the copy at a time: the runtime copies each write
         * through a native buffer, and writes of a megabyte took several times the system time of writes of 128 KiB.
         */
        private static final int STREAM_READ = 1 << 17;
        private static final int TEXT_LIMIT = 1 << 24;
        private final FileChannel channel;
        private final InputStream in;
        private OutputStream copy;
        private final ByteBuffer buffer;
        private long bufferStart;
        private boolean ended;
        int intSize = 4;

        Reader(FileChannel channel) {
            this(channel, 1 << 20);
        }

        /** @param capacity the bytes read from the file at a time */
        Reader(FileChannel channel, int capacity) {
            this.channel = channel;
            this.in = null;
            this.copy = null;
            this.buffer = ByteBuffer.allocate(capacity);
            buffer.limit(0);
        }

        Reader(InputStream in, OutputStream copy) {
            this.buffer = ByteBuffer.allocate(1 << 20);
            this.channel = null;
            this.in = in;
            this.copy = copy;
            buffer.limit(0);
        }

        long position() {
            return bufferStart + buffer.position();
        }

        /** Writes nothing more to the copy: what is read from now on is only read. */
        void stopCopying() {
            copy = null;
        }

        boolean atEnd() throws IOException {
            if (buffer.hasRemaining()) {
                return false;
            }
            if (channel != null) {
                return position() >= channel.size();
            }
            if (!ended) {
                refill(position());
            }
            return !buffer.hasRemaining();
        }

        int readByte() throws IOException {
            if (!buffer.hasRemaining()) {
                refill(position());
                if (!buffer.hasRemaining()) {
                    throw new EOFException();
                }
            }
            return buffer.get() & 0xff;
        }

        int readInt() throws IOException {
            boolean negative = readByte() != 0;
            long value = 0;
            for (int i = 0; i < intSize; i++) {
                value |= (long) readByte() << (8 * i);
            }
            if (value > Integer.MAX_VALUE) {
                throw new EOFException("integer out of range");
            }
            return negative ? -(int) value : (int) value;
        }

        /** Skips a string; false where it was the null string. */
        boolean skipString() throws IOException {
            int length = readInt();
            if (length < 0) {
                return false;
            }
            skip(length);
            return true;
        }

        /** A short string such as an entry's description; null for the null string. */
        String readString() throws IOException {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            if (length > 64) {
                skip(length);
                return "";
            }
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) readByte();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void skip(long bytes) throws IOException {
            if (bytes <= buffer.remaining()) {
                buffer.position(buffer.position() + (int) bytes);
                return;
            }
            long target = position() + bytes;
            if (channel != null) {
                bufferStart = target;
                buffer.limit(0);
                return;
            }
            while (position() < target) {
                if (!buffer.hasRemaining()) {
                    refill(position());
                    if (!buffer.hasRemaining()) {
                        throw new EOFException();
                    }
                }
                int step = (int) Math.min(buffer.remaining(), target - position());
                buffer.position(buffer.position() + step);
            }
        }

        /** A string whole, or null for the null string. */
        String readText() throws IOException {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            if (length > TEXT_LIMIT) {
                throw new EOFException("a string of " + length + " bytes");
            }
            byte[] bytes = new byte[length];
            readFully(bytes, 0, length);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void readFully(byte[] into, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                if (!buffer.hasRemaining()) {
                    refill(position());
                    if (!buffer.hasRemaining()) {
                        throw new EOFException();
                    }
                }
                int step = Math.min(buffer.remaining(), length - done);
                buffer.get(into, offset + done, step);
                done += step;
            }
        }

        /** Moves a reader of a file to {@code position}, within what it read already where it can. */
        void seek(long position) {
            if (position >= bufferStart && position <= bufferStart + buffer.limit()) {
                buffer.position((int) (position - bufferStart));
                return;
            }
            bufferStart = position;
            buffer.limit(0);
        }

        /** Copies whatever the stream still holds after the last byte read. */
        void drain() throws IOException {
            while (!ended) {
                buffer.position(buffer.limit());
                refill(position());
            }
        }

        private void refill(long at) throws IOException {
            buffer.clear();
            bufferStart = at;
            if (channel != null) {
                while (buffer.position() == 0) {
                    if (channel.read(buffer, at) < 0) {
                        buffer.limit(0);
                        throw new EOFException();
                    }
                }
            } else if (!ended) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while copying data");
                }
                int n = in.read(buffer.array(), 0, STREAM_READ);
                while (n == 0) {
                    n = in.read(buffer.array(), 0, STREAM_READ);
                }
                if (n < 0) {
                    ended = true;
                } else {
                    if (copy != null) {
                        copy.write(buffer.array(), 0, n);
                    }
                    buffer.position(n);
                }
            }
            buffer.flip();
        }
    }
}
