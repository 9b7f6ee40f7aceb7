package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.time.Duration;
import java.time.LocalTime;

/**
 * MariaDB's TIME, which is a signed duration from -838:59:59.999999 to 838:59:59.999999 rather than a time of day.
 * A value within a day is carried as the {@link LocalTime} every engine reads; one before 00:00:00 or from 24:00:00
 * on as a {@link Duration}, which only MariaDB can restore.
 */
public final class MariaDbTime {
    private static final long DAY = 86_400_000_000_000L;

    private MariaDbTime() {
    }

    /** A LocalTime for nanoseconds within a day, else a Duration. */
    public static Object of(long nanos) {
        return nanos >= 0 && nanos < DAY ? LocalTime.ofNanoOfDay(nanos) : Duration.ofNanos(nanos);
    }

    /** Parses MariaDB's text of a TIME value, {@code [-]h…h:mm:ss[.ffffff]}. */
    public static Object parse(String text) {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        int colon = text.indexOf(':', start);
        long hours = Long.parseLong(text, start, colon, 10);
        long minutes = Long.parseLong(text, colon + 1, colon + 3, 10);
        long seconds = Long.parseLong(text, colon + 4, colon + 6, 10);
        long nanos = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000L + ZeroPartDate.fraction(text, colon + 6);
        return of(negative ? -nanos : nanos);
    }

    /** The value as MariaDB reads it: {@code [-]hh:mm:ss[.fffffffff]}, hours beyond 24 included. */
    public static String text(Duration value) {
        long nanos = value.toNanos();
        StringBuilder s = new StringBuilder(20);
        if (nanos < 0) {
            s.append('-');
            nanos = -nanos;
        }
        long seconds = nanos / 1_000_000_000L;
        int fraction = (int) (nanos % 1_000_000_000L);
        long hours = seconds / 3600;
        if (hours < 10) {
            s.append('0');
        }
        s.append(hours).append(':');
        two(s, (int) (seconds / 60 % 60)).append(':');
        two(s, (int) (seconds % 60));
        if (fraction != 0) {
            String digits = Integer.toString(fraction);
            s.append('.').append("0".repeat(9 - digits.length())).append(digits);
            while (s.charAt(s.length() - 1) == '0') {
                s.setLength(s.length() - 1);
            }
        }
        return s.toString();
    }

    private static StringBuilder two(StringBuilder s, int value) {
        return s.append(value < 10 ? "0" : "").append(value);
    }
}
