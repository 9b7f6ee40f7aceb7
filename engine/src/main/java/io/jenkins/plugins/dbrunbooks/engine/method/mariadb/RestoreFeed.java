package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Pipes a payload into the client's standard input from the calling thread. A client that stops on an error
 * closes its input, so the next write fails; the client's exit code and error output then say why, rather than
 * the broken pipe.
 */
final class RestoreFeed {
    private static final int BUFFER = 1 << 17;

    private RestoreFeed() {
    }

    static void run(InputStream in, ToolProcess tool, String what) {
        Thread drain = drainStdout(tool);
        byte[] buffer = new byte[BUFFER];
        OutputStream stdin = tool.stdin();
        try {
            int n;
            while ((n = read(in, buffer)) >= 0) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while restoring");
                }
                stdin.write(buffer, 0, n);
            }
            stdin.close();
        } catch (IOException toolStopped) {
            closeQuietly(stdin);
            tool.waitForSuccess(ErrorKind.RESTORE_FAILED, what);
            throw new RunbookException(ErrorKind.RESTORE_FAILED, what + ": '" + tool.toolName()
                    + "' stopped reading: " + toolStopped.getMessage(), null, toolStopped);
        }
        tool.waitForSuccess(ErrorKind.RESTORE_FAILED, what);
        try {
            drain.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A payload that cannot be read is not the client's fault; the client is killed when the caller closes it. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Cannot read the backup: " + e.getMessage(), null, e);
        }
    }

    /** The client prints little, but a full pipe would stop it; what it prints is of no use here. */
    private static Thread drainStdout(ToolProcess tool) {
        Thread drain = new Thread(() -> {
            try (InputStream out = tool.stdout()) {
                out.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // The process ended.
            }
        }, tool.toolName() + " stdout");
        drain.setDaemon(true);
        drain.start();
        return drain;
    }

    private static void closeQuietly(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already broken; the exit code tells the rest.
        }
    }
}
