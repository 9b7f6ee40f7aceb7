package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code pg_restore --verbose} into one line per table loaded ("Loading table 'public.items' (3 of 12)"),
 * so a long restore shows how far it is. The other verbose lines (one per object created) are left out; warnings,
 * errors and their details pass through.
 */
final class RestoreProgress implements ProgressListener {
    private static final Pattern TABLE_DATA = Pattern.compile("processing data for table \"(.*)\"");
    private static final String VERBOSE = "pg_restore: pg_restore: ";

    private final ProgressListener listener;
    private final long tables;
    private final AtomicInteger started = new AtomicInteger();

    /** @param before how many tables were loaded before this pg_restore started, so that its count goes on */
    RestoreProgress(ProgressListener listener, long tables, int before) {
        this.listener = listener;
        this.tables = tables;
        this.started.set(before);
    }

    @Override
    public void progress(Progress progress) {
        listener.progress(progress);
    }

    @Override
    public void message(String message) {
        if (!message.startsWith(VERBOSE)) {
            listener.message(message);
            return;
        }
        String line = message.substring(VERBOSE.length());
        Matcher m = TABLE_DATA.matcher(line);
        if (m.find()) {
            int n = started.incrementAndGet();
            listener.message("Loading table '" + m.group(1) + "' (" + n + (tables > 0 ? " of " + tables : "") + ")");
        } else if (line.startsWith("error") || line.startsWith("warning") || line.startsWith("detail")
                || line.startsWith("hint")) {
            listener.message(message);
        }
    }
}
