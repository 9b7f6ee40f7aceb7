package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code pg_restore --verbose} into one line per table loaded ("Loading table 'public.items' (3 of 12)"),
 * so a long restore shows how far it is. The other verbose lines (one per object created) are left out; warnings,
 * errors and their details pass through. The jobs of a parallel pg_restore share its error output and write a line
 * in pieces (the program's name, the text, the line's end), so their lines arrive cut and joined differently:
 * "pg_restore: pg_restore:pg_restore:  creating ...", or "creating ..." alone. A line is read for what follows the
 * names, whatever their number.
 */
final class RestoreProgress implements ProgressListener {
    private static final Pattern TABLE_DATA = Pattern.compile("^processing data for table \"(.*)\"");
    /** What ToolProcess puts before each line of the tool's. */
    private static final String TOOL = "pg_restore: ";
    /** That name, then those pg_restore wrote, with their spaces. */
    private static final Pattern NAMES = Pattern.compile("^\\s*(pg_restore:\\s*)*");
    /** The first words of the lines --verbose adds, one per step, object or job. */
    private static final Pattern STEP = Pattern.compile("^(creating|processing|launching|finished|skipping|executing"
            + "|connecting|entering|implied|setting|dropping|disabling|enabling|restoring|reducing|transferring)\\b");
    private static final Pattern PROBLEM = Pattern.compile("^(error|warning|detail|hint)\\b");

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
        if (!message.startsWith(TOOL)) {
            // Not a line of the tool's: one of this restore's own messages.
            listener.message(message);
            return;
        }
        Matcher names = NAMES.matcher(message);
        names.find();
        String line = message.substring(names.end());
        Matcher m = TABLE_DATA.matcher(line);
        if (m.find()) {
            int n = started.incrementAndGet();
            listener.message("Loading table '" + m.group(1) + "' (" + n + (tables > 0 ? " of " + tables : "") + ")");
        } else if (PROBLEM.matcher(line).find()) {
            listener.message(message);
        } else if (!STEP.matcher(line).find() && !line.isBlank() && !names.group().substring(TOOL.length())
                .contains("pg_restore:")) {
            // Not one of pg_restore's own lines, which all start with its name.
            listener.message(message);
        }
    }
}
