package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;

/**
 * How many backups to keep per database: the last {@code keepLast} and/or those newer than {@code maxAgeDays}.
 * Zero means no limit of that kind; with both zero nothing is pruned.
 */
public record Retention(int keepLast, int maxAgeDays) implements Serializable {
    public static final Retention KEEP_ALL = new Retention(0, 0);

    public Retention {
        if (keepLast < 0 || maxAgeDays < 0) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Retention 'keepLast=" + keepLast + ", maxAgeDays=" + maxAgeDays + "' is negative",
                    "Use 0 for no limit, or a positive number.");
        }
    }

    public boolean keepsEverything() {
        return keepLast == 0 && maxAgeDays == 0;
    }
}
