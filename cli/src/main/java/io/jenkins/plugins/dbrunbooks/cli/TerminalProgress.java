package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.PrintWriter;

/**
 * Progress and messages on stderr, keeping stdout for results scripts capture. On a console the progress line
 * is rewritten in place; elsewhere (CI logs, files) every report is its own line, since a carriage return
 * there only garbles the log.
 */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean console;
    private int openLineLength;

    TerminalProgress(PrintWriter err, boolean console) {
        this.err = err;
        this.console = console;
    }

    @Override
    public synchronized void progress(Progress progress) {
        String line = progress.describe();
        if (console) {
            // Pad with spaces to wipe what a longer previous line left behind.
            err.print("\r" + line + " ".repeat(Math.max(0, openLineLength - line.length())));
            err.flush();
            openLineLength = line.length();
        } else {
            err.println(line);
        }
    }

    @Override
    public synchronized void message(String message) {
        endLine();
        err.println(message);
    }

    /** Ends a rewritten progress line so the next output starts on a line of its own. */
    synchronized void endLine() {
        if (openLineLength > 0) {
            err.println();
            err.flush();
            openLineLength = 0;
        }
    }
}
