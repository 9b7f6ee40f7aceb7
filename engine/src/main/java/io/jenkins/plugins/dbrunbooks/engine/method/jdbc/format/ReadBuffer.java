package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A buffered stream for one reading thread. {@link java.io.BufferedInputStream} takes a lock on every call, and a
 * {@link java.io.DataInputStream} reads an int or a short as that many one-byte calls: a restore reads tens of
 * millions of values, each its own lock and unlock. No mark and reset.
 */
final class ReadBuffer extends InputStream {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    ReadBuffer(InputStream in, int size) {
        this.in = in;
        this.buffer = new byte[size];
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int available = limit - position;
        if (available == 0) {
            if (len >= buffer.length) {
                // As BufferedInputStream does: a read as large as the buffer goes straight through.
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
            available = limit - position;
        }
        int n = Math.min(available, len);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int available = limit - position;
        if (available > 0) {
            int skipped = (int) Math.min(available, n);
            position += skipped;
            return skipped;
        }
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
