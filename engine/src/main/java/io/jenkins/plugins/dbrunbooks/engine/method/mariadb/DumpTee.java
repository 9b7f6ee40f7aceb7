package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRows;
import io.jenkins.plugins.dbrunbooks.engine.method.MemoryPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Writes the dump to the payload and hands the same bytes to a {@link MariaDbDumpRows} reading on a thread of its
 * own, through a {@link MemoryPipe} of a few buffers: the rows are hashed beside the copy, which waits only when the
 * reader is that many buffers behind. A reader that stops reads on to the end, so the copy never waits for it. The
 * payload stream is not closed here.
 */
final class DumpTee extends OutputStream {
    private static final int CHUNK = 1 << 17;
    private static final int CHUNKS = 8;

    private final OutputStream out;
    private final MemoryPipe pipe = new MemoryPipe(CHUNKS, CHUNK);
    private final OutputStream toReader = pipe.out();
    private final Thread reader;
    private boolean ended;

    private DumpTee(OutputStream out, MariaDbDumpRows rows) {
        this.out = out;
        InputStream feed = pipe.in();
        reader = new Thread(() -> {
            try {
                rows.read(feed);
            } catch (IOException | RuntimeException e) {
                // The tables not read whole get no fingerprint from the dump and are read with a SELECT.
            } finally {
                drain(feed);
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
        try {
            toReader.write(b, offset, length);
        } catch (IOException e) {
            // Interrupted while the reader was behind: it must not wait for bytes that will not come.
            pipe.fail(e);
            throw e;
        }
    }

    /** Hands over what is left and waits for the reader to have read it all. */
    void finish() throws IOException {
        close();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.fail(new InterruptedIOException("stopped"));
            throw new InterruptedIOException("Interrupted while hashing the dump's rows");
        }
    }

    /** Ends the reader's stream without waiting for it, as after a broken copy. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            ended = true;
            toReader.close();
        }
    }

    /** Reads on to the end; a failed pipe ends it too, the backup being stopped. */
    private static void drain(InputStream feed) {
        byte[] skip = new byte[CHUNK];
        try {
            while (feed.read(skip, 0, skip.length) >= 0) {
                // Nothing to keep.
            }
        } catch (IOException e) {
            // The pipe failed: nothing waits on this side any more.
        }
    }
}
