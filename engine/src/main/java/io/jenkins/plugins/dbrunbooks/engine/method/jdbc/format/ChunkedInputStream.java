package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads one chunked value and ends at its terminator, leaving the snapshot stream at the next value. */
final class ChunkedInputStream extends InputStream {
    private final DataInputStream in;
    private int left;
    private boolean done;

    ChunkedInputStream(DataInputStream in) {
        this.in = in;
    }

    private boolean ready() throws IOException {
        while (left == 0 && !done) {
            int length = in.readInt();
            if (length < 0 || length > SnapshotFormat.MAX_CHUNK) {
                throw new IOException("chunk length " + length + " is out of range");
            }
            if (length == 0) {
                done = true;
            }
            left = length;
        }
        return !done || left > 0;
    }

    @Override
    public int read() throws IOException {
        if (!ready()) {
            return -1;
        }
        left--;
        return in.readUnsignedByte();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        int n = Math.min(len, left);
        in.readFully(b, off, n);
        left -= n;
        return n;
    }

    /** Skips to the terminator, so an unread value does not desynchronise the stream. */
    @Override
    public void close() throws IOException {
        byte[] skip = new byte[8192];
        while (read(skip, 0, skip.length) >= 0) {
            // draining
        }
    }
}
