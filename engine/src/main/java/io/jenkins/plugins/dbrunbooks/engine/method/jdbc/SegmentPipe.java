package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One table's data on its way from the thread reading a version 2 snapshot to the thread loading the table: a
 * few segments at most, so memory stays bounded and a slow table holds the reader back instead of piling up.
 * Either side can be stopped; the other then fails at its next step instead of waiting forever: stopping empties
 * the pipe, which wakes a writer waiting for room, and leaves a marker in it, which wakes a reader waiting for data.
 */
final class SegmentPipe extends InputStream {
    private static final byte[] END = new byte[0];
    private static final byte[] ABORTED = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private volatile boolean aborted;
    private volatile long claimedRows = -1;
    private byte[] current;
    private int position;
    private boolean ended;

    SegmentPipe(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Hands over the next segment, waiting while the pipe is full; fails once the pipe was stopped. */
    void put(byte[] segment) throws InterruptedException {
        if (aborted) {
            throw new StoppedException();
        }
        queue.put(segment);
        if (aborted) {
            abort();
            throw new StoppedException();
        }
    }

    /** The table's data ended; the stream claims {@code rows} rows for it. */
    void end(long rows) throws InterruptedException {
        claimedRows = rows;
        put(END);
    }

    /** Stops both sides and lets go of what is queued. */
    void abort() {
        aborted = true;
        queue.clear();
        queue.offer(ABORTED);
    }

    /** The row count the stream claims, known once the data was read to its end. */
    long claimedRows() {
        return claimedRows;
    }

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
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean ready() throws IOException {
        while (!ended && (current == null || position == current.length)) {
            if (aborted) {
                throw new IOException("the restore was stopped");
            }
            byte[] next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the restore was stopped", e);
            }
            if (next == ABORTED) {
                continue;
            }
            if (next == END) {
                ended = true;
                current = null;
            } else {
                current = next;
                position = 0;
            }
        }
        return !ended;
    }

    /** The reading side's way out once a loading side failed. */
    static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("stopped", null, false, false);
        }
    }
}
