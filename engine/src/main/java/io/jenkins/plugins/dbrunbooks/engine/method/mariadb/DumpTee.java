package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes the dump to the payload and hands the same bytes to a {@link MariaDbDumpRows} reading on a thread of its
 * own, through a few reused buffers: the rows are hashed beside the copy, which waits only when the reader is that
 * many buffers behind. The payload stream is not closed here.
 */
final class DumpTee extends OutputStream {
    private static final int CHUNK = 1 << 17;
    private static final int CHUNKS = 8;

    /** A buffer and how much of it holds bytes; one of length -1 ends the stream. */
    private static final class Chunk {
        final byte[] data;
        int length;

        Chunk(int size) {
            data = new byte[size];
        }
    }

    private final OutputStream out;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread reader;
    private Chunk filling;
    private boolean ended;

    private DumpTee(OutputStream out, MariaDbDumpRows rows) {
        this.out = out;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(CHUNK));
        }
        Feed feed = new Feed();
        reader = new Thread(() -> {
            try {
                rows.read(feed);
            } catch (IOException | RuntimeException e) {
                // The tables not read whole get no fingerprint from the dump and are read with a SELECT.
            } finally {
                feed.drain();
            }
        }, "dbrunbooks-dump-rows");
        reader.setDaemon(true);
        reader.start();
    }

    static DumpTee start(OutputStream out, MariaDbDumpRows rows) {
        return new DumpTee(out, rows);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        out.write(b, offset, length);
        while (length > 0) {
            if (filling == null) {
                filling = take(free);
                filling.length = 0;
            }
            int n = Math.min(length, filling.data.length - filling.length);
            System.arraycopy(b, offset, filling.data, filling.length, n);
            filling.length += n;
            offset += n;
            length -= n;
            if (filling.length == filling.data.length) {
                put(filling);
                filling = null;
            }
        }
    }

    /** Hands over what is left and waits for the reader to have read it all. */
    void finish() throws IOException {
        end();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing the dump's rows");
        }
    }

    /** Ends the reader's stream without waiting for it, as after a broken copy. */
    @Override
    public void close() throws IOException {
        end();
    }

    private void end() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        if (filling != null && filling.length > 0) {
            put(filling);
        }
        filling = null;
        Chunk last = new Chunk(0);
        last.length = -1;
        put(last);
    }

    private void put(Chunk chunk) throws IOException {
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new InterruptedIOException("Interrupted while hashing the dump's rows");
        }
    }

    private static Chunk take(BlockingQueue<Chunk> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing the dump's rows");
        }
    }

    /** The reader's side: the chunks in order, each given back once read. */
    private final class Feed extends InputStream {
        private Chunk current;
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int offset, int length) throws IOException {
            while (current == null || position == current.length) {
                if (current != null && current.length < 0) {
                    return -1;
                }
                if (current != null) {
                    free.add(current);
                }
                current = take(full);
                position = 0;
            }
            if (current.length < 0) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current.data, position, b, offset, n);
            position += n;
            return n;
        }

        /** Reads on to the end, so the writer never waits for a reader that stopped. */
        void drain() {
            byte[] skip = new byte[CHUNK];
            try {
                while (read(skip, 0, skip.length) >= 0) {
                    // Nothing to keep.
                }
            } catch (IOException e) {
                // Interrupted: the backup is being stopped, and the writer with it.
            }
        }
    }
}
