package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;

/**
 * A per-call change to an environment's retention, as a prune step or command gives it: each value given
 * replaces only its own half of the configured retention, and null keeps the configured one. Zero means no limit
 * of that kind, as in the configuration.
 */
public record RetentionOverride(Integer keepLast, Integer maxAgeDays, Integer keepSafetyBackups)
        implements Serializable {
    public static final RetentionOverride NONE = new RetentionOverride(null, null);

    public RetentionOverride {
        if ((keepLast != null && keepLast < 0) || (maxAgeDays != null && maxAgeDays < 0)
                || (keepSafetyBackups != null && keepSafetyBackups < 0)) {
            throw new RunbookException(ErrorKind.USAGE, "Retention 'keepLast=" + keepLast + ", maxAgeDays="
                    + maxAgeDays + "' is negative", "Use 0 for no limit, or a positive number.");
        }
    }

    /** The per-call options of a prune: the number of safety backups kept stays the environment's. */
    public RetentionOverride(Integer keepLast, Integer maxAgeDays) {
        this(keepLast, maxAgeDays, null);
    }

    /** Replaces the whole configured retention. */
    public static RetentionOverride of(Retention retention) {
        return new RetentionOverride(retention.keepLast(), retention.maxAgeDays(), retention.keepSafetyBackups());
    }

    public boolean isEmpty() {
        return keepLast == null && maxAgeDays == null && keepSafetyBackups == null;
    }

    public Retention applyTo(Retention configured) {
        Retention base = configured == null ? Retention.KEEP_ALL : configured;
        return isEmpty() ? base : new Retention(keepLast != null ? keepLast : base.keepLast(),
                maxAgeDays != null ? maxAgeDays : base.maxAgeDays(),
                keepSafetyBackups != null ? keepSafetyBackups : base.keepSafetyBackups());
    }
}
