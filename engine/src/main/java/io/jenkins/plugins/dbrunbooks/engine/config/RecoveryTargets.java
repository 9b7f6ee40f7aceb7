package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an environment or a database promises about its backups: the newest backup at most {@code maxBackupAge}
 * old, the newest passed restore drill at most {@code maxDrillAge} old, and a drill's restore done within
 * {@code maxRestoreTime}. A null target is not set: a database's own targets fall back to its environment's.
 */
public record RecoveryTargets(Duration maxBackupAge, Duration maxDrillAge, Duration maxRestoreTime)
        implements Serializable {
    public static final RecoveryTargets NONE = new RecoveryTargets(null, null, null);
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    public RecoveryTargets {
        for (Duration d : new Duration[] {maxBackupAge, maxDrillAge, maxRestoreTime}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new RunbookException(ErrorKind.CONFIGURATION, "A recovery target of " + d + " is not positive",
                        "Give a duration such as 26h, 8d or 30m, or leave the target out.");
            }
        }
    }

    /** These targets, each one not set taken from {@code fallback}. */
    public RecoveryTargets orElse(RecoveryTargets fallback) {
        RecoveryTargets other = fallback == null ? NONE : fallback;
        return new RecoveryTargets(maxBackupAge != null ? maxBackupAge : other.maxBackupAge,
                maxDrillAge != null ? maxDrillAge : other.maxDrillAge,
                maxRestoreTime != null ? maxRestoreTime : other.maxRestoreTime);
    }

    /** Whether any target is set. */
    public boolean any() {
        return maxBackupAge != null || maxDrillAge != null || maxRestoreTime != null;
    }

    /**
     * A duration as configured: a number and a unit ({@code 90s}, {@code 30m}, {@code 26h}, {@code 8d}) or ISO-8601
     * ({@code PT26H}); null or blank for none.
     */
    public static Duration parse(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        Duration parsed;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                parsed = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "'" + Names.printable(value)
                    + "' is not a duration for '" + key + "'",
                    "Give a positive number and a unit, such as 90s, 30m, 26h or 8d.");
        }
        return parsed;
    }

    /** The short form {@link #parse} reads: the largest unit that divides the duration exactly. */
    public static String format(Duration d) {
        if (d == null) {
            return null;
        }
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
