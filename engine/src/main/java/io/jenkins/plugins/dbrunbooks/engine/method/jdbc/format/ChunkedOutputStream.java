package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one large value as length-prefixed chunks; closing writes the zero-length terminator, not the stream's. */
final class ChunkedOutputStream extends OutputStream {
    private final DataOutput out;
    private final byte[] buffer = new byte[SnapshotFormat.CHUNK];
    private int used;
    private long total;
    private boolean closed;

    ChunkedOutputStream(DataOutput out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flushChunk();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buffer.length) {
                flushChunk();
            }
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void flushChunk() throws IOException {
        if (used > 0) {
            out.writeInt(used);
            out.write(buffer, 0, used);
            total += used;
            used = 0;
        }
    }

    long total() {
        return total;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            flushChunk();
            out.writeInt(0);
        }
    }
}
