package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies a stream and stops promptly when the thread is interrupted, as an aborted build does. */
public final class StreamCopy {
    private static final int BUFFER = 1 << 17;

    private StreamCopy() {
    }

    public static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while copying data");
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
