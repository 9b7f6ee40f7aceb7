package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the COPY rows of one table's data block in a custom-format archive, in pieces of whole rows. pg_dump writes
 * the rows in text format, where a row ends at a raw newline (one inside a value is escaped), so a piece ends at the
 * last newline it holds and the rest starts the next one. The block ends with the end-of-data line {@code \.},
 * which a piece never carries: each piece is loaded by a COPY of its own.
 */
final class TableDataReader {
    private static final int BLK_DATA = 1;
    private static final int FIRST_BUFFER = 1 << 16;
    private final ArchiveOffsets.Reader in;
    private final int pieceSize;
    private byte[] buffer;
    private int filled;
    private boolean ended;

    /**
     * Positions {@code in}, a reader of the archive shared by the tables read one after the other, at the data block
     * of {@code item}.
     */
    TableDataReader(ArchiveOffsets.Reader in, ArchiveToc.Item item, int pieceSize) throws IOException {
        this(in, pieceSize);
        in.seek(item.offset());
        int type = in.readByte();
        int dumpId = in.readInt();
        if (type != BLK_DATA || dumpId != item.entry().dumpId()) {
            throw new IOException("the data of '" + item.table() + "' is not where its offset points");
        }
    }

    /** Reads the block {@code in} is in, just after the block's type and dump id: an archive read as it streams. */
    TableDataReader(ArchiveOffsets.Reader in, int pieceSize) {
        this.in = in;
        this.pieceSize = pieceSize;
        // Grown as the rows come: most tables of a database of many are far smaller than a piece.
        this.buffer = new byte[Math.min(pieceSize, FIRST_BUFFER)];
    }

    /** The next piece of whole rows, or null once the block is read; the array is the caller's to keep. */
    byte[] next() throws IOException {
        int wanted = pieceSize;
        while (true) {
            while (!ended && filled < wanted) {
                int length = in.readInt();
                if (length < 0) {
                    throw new EOFException("a negative chunk length");
                }
                if (length == 0) {
                    ended = true;
                    break;
                }
                if (filled + length > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, filled + length));
                }
                in.readFully(buffer, filled, length);
                filled += length;
            }
            if (ended) {
                int end = withoutEndMarker(buffer, filled);
                filled = 0;
                return end == 0 ? null : Arrays.copyOf(buffer, end);
            }
            int cut = lastNewline(buffer, filled);
            if (cut >= 0) {
                byte[] piece = Arrays.copyOf(buffer, cut + 1);
                System.arraycopy(buffer, cut + 1, buffer, 0, filled - cut - 1);
                filled -= cut + 1;
                return piece;
            }
            // One row longer than a piece: read on until it ends.
            wanted = filled + pieceSize;
        }
    }

    private int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The length of the rows before the end-of-data line, which only newlines follow. A row is never {@code \.}:
     * COPY writes a backslash itself as {@code \\}.
     */
    static int withoutEndMarker(byte[] bytes, int length) {
        int end = length;
        while (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        if (end >= 2 && bytes[end - 1] == '.' && bytes[end - 2] == '\\' && (end == 2 || bytes[end - 3] == '\n')) {
            return end - 2;
        }
        return length;
    }
}
