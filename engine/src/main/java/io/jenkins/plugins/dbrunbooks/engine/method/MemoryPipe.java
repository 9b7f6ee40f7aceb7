package io.jenkins.plugins.dbrunbooks.engine.method;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A byte stream from one thread to another through a fixed number of buffers, so memory stays bounded whatever
 * flows through and a slow reader holds the writer back. Bytes pass unchanged: the pipe knows nothing of what
 * they hold. Either side can fail it; the other then fails at its next step instead of waiting forever.
 */
public final class MemoryPipe {
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> empty;
    private final Out out = new Out();
    private final In in = new In();
    private volatile Throwable failure;

    /** A filled buffer, or the end of the stream ({@code data == null}). */
    private record Chunk(byte[] data, int length) {
    }

    public MemoryPipe(int buffers, int bufferSize) {
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.empty = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            empty.add(new byte[bufferSize]);
        }
    }

    public OutputStream out() {
        return out;
    }

    public InputStream in() {
        return in;
    }

    /**
     * Fails both sides: the writer's next write and the reader's next read throw, naming {@code cause}. A buffer
     * put back on either queue wakes whichever side waits on it.
     */
    public void fail(Throwable cause) {
        if (failure == null) {
            failure = cause == null ? new IOException("stopped") : cause;
        }
        full.offer(new Chunk(null, -1));
        empty.offer(new byte[0]);
    }

    private IOException failed() {
        Throwable cause = failure;
        return cause instanceof IOException io ? new IOException(io.getMessage(), io)
                : new IOException(cause == null ? "stopped" : String.valueOf(cause.getMessage()), cause);
    }

    private final class Out extends OutputStream {
        private byte[] buffer;
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (buffer == null) {
                    buffer = take();
                    used = 0;
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == buffer.length) {
                    hand();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (buffer != null && used > 0) {
                hand();
            }
        }

        /** Ends the stream: the reader sees its end once it has read everything before. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            flush();
            closed = true;
            put(new Chunk(null, 0));
        }

        private byte[] take() throws IOException {
            if (failure != null) {
                throw failed();
            }
            try {
                byte[] b = empty.take();
                if (failure != null || b.length == 0) {
                    throw failed();
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped");
            }
        }

        private void hand() throws IOException {
            put(new Chunk(buffer, used));
            buffer = null;
            used = 0;
        }

        private void put(Chunk chunk) throws IOException {
            if (failure != null) {
                throw failed();
            }
            // There is always room: no more chunks exist than buffers, plus the end.
            full.add(chunk);
        }
    }

    private final class In extends InputStream {
        private Chunk current;
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int n = Math.min(len, current.length() - position);
            System.arraycopy(current.data(), position, b, off, n);
            position += n;
            if (position == current.length()) {
                empty.offer(current.data());
                current = null;
            }
            return n;
        }

        private boolean ready() throws IOException {
            while (!ended && current == null) {
                if (failure != null) {
                    throw failed();
                }
                Chunk next;
                try {
                    next = full.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stopped");
                }
                if (next.data() == null) {
                    if (next.length() < 0 || failure != null) {
                        throw failed();
                    }
                    ended = true;
                } else {
                    current = next;
                    position = 0;
                }
            }
            return !ended;
        }

        @Override
        public void close() {
            if (current != null) {
                empty.offer(current.data());
                current = null;
            }
        }
    }
}
