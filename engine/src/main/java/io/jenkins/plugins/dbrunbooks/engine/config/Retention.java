package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;

/**
 * How many backups to keep per database: the last {@code keepLast} and/or those newer than {@code maxAgeDays}.
 * Zero means no limit of that kind; with both zero no backup is pruned. Safety backups (taken before an in-place
 * restore) are not counted there: the last {@code keepSafetyBackups} of them stay, 0 keeping all.
 */
public record Retention(int keepLast, int maxAgeDays, int keepSafetyBackups) implements Serializable {
    /** Enough to undo the last restore and the one before it, without letting them pile up. */
    public static final int DEFAULT_SAFETY_BACKUPS = 2;
    public static final Retention KEEP_ALL = new Retention(0, 0);

    public Retention {
        if (keepLast < 0 || maxAgeDays < 0 || keepSafetyBackups < 0) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Retention 'keepLast=" + keepLast + ", maxAgeDays=" + maxAgeDays + ", keepSafetyBackups="
                            + keepSafetyBackups + "' is negative",
                    "Use 0 for no limit, or a positive number.");
        }
    }

    /** The rules for regular backups, with the default for safety backups. */
    public Retention(int keepLast, int maxAgeDays) {
        this(keepLast, maxAgeDays, DEFAULT_SAFETY_BACKUPS);
    }

    /** Whether no regular backup is ever pruned; safety backups have their own rule. */
    public boolean keepsEverything() {
        return keepLast == 0 && maxAgeDays == 0;
    }

    public Retention withKeepSafetyBackups(int count) {
        return new Retention(keepLast, maxAgeDays, count);
    }
}
