package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.time.LocalTime;

/**
 * A MariaDB date or date-time with a zero month or day, such as {@code 0000-00-00} or {@code 2024-02-00 10:00:00},
 * which MariaDB stores when its sql_mode allows them and no calendar date can hold. Only MariaDB can restore it.
 *
 * @param time the time of day of a DATETIME or TIMESTAMP value; null for a DATE
 */
public record ZeroPartDate(int year, int month, int day, LocalTime time) {
    private static final long DAYS_LIMIT = 100_000_000L;
    private static final long SECONDS_LIMIT = 100_000_000_000_000L;

    public ZeroPartDate {
        if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 31 || month != 0 && day != 0) {
            throw new IllegalArgumentException("not a date with a zero part: " + year + "-" + month + "-" + day);
        }
    }

    /** The value as MariaDB writes it: {@code YYYY-MM-DD} and, for a date-time, {@code hh:mm:ss[.ffffff]}. */
    public String text() {
        StringBuilder s = new StringBuilder(26);
        pad(s, year, 4).append('-');
        pad(s, month, 2).append('-');
        pad(s, day, 2);
        if (time != null) {
            s.append(' ');
            pad(s, time.getHour(), 2).append(':');
            pad(s, time.getMinute(), 2).append(':');
            pad(s, time.getSecond(), 2);
            if (time.getNano() != 0) {
                s.append('.');
                pad(s, time.getNano(), 9);
                while (s.charAt(s.length() - 1) == '0') {
                    s.setLength(s.length() - 1);
                }
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * Parses MariaDB's text of a DATE, DATETIME or TIMESTAMP value; returns a {@link java.time.LocalDate} or
     * {@link java.time.LocalDateTime} when every part is a calendar's, else a ZeroPartDate.
     */
    public static Object parse(String text, boolean withTime) {
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        LocalTime time = null;
        if (withTime) {
            int hour = Integer.parseInt(text, 11, 13, 10);
            int minute = Integer.parseInt(text, 14, 16, 10);
            int second = Integer.parseInt(text, 17, 19, 10);
            time = LocalTime.of(hour, minute, second, fraction(text, 19));
        }
        if (month == 0 || day == 0) {
            return new ZeroPartDate(year, month, day, time);
        }
        java.time.LocalDate date = java.time.LocalDate.of(year, month, day);
        return withTime ? date.atTime(time) : date;
    }

    /** The nanoseconds of a fraction {@code .ffffff} at {@code at}, or 0 when none is there. */
    static int fraction(String text, int at) {
        if (at >= text.length() || text.charAt(at) != '.') {
            return 0;
        }
        int nanos = 0;
        int digits = 0;
        for (int i = at + 1; i < text.length() && digits < 9; i++, digits++) {
            nanos = nanos * 10 + (text.charAt(i) - '0');
        }
        for (; digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** The format's DATE value: -2^63 plus year × 10000 + month × 100 + day. */
    long dateCode() {
        return Long.MIN_VALUE + (year * 10_000L + month * 100L + day);
    }

    /** The format's TIMESTAMP seconds: -2^63 plus the digits YYYYMMDDhhmmss as one number. */
    long timestampCode() {
        long date = year * 10_000L + month * 100L + day;
        return Long.MIN_VALUE + date * 1_000_000L + time.getHour() * 10_000L + time.getMinute() * 100L
                + time.getSecond();
    }

    static boolean isDateCode(long value) {
        return value - Long.MIN_VALUE < DAYS_LIMIT && value < 0;
    }

    static boolean isTimestampCode(long value) {
        return value - Long.MIN_VALUE < SECONDS_LIMIT && value < 0;
    }

    static ZeroPartDate ofDateCode(long value) {
        long digits = value - Long.MIN_VALUE;
        return new ZeroPartDate((int) (digits / 10_000), (int) (digits / 100 % 100), (int) (digits % 100), null);
    }

    static ZeroPartDate ofTimestampCode(long value, int nanos) {
        long digits = value - Long.MIN_VALUE;
        long date = digits / 1_000_000;
        long clock = digits % 1_000_000;
        return new ZeroPartDate((int) (date / 10_000), (int) (date / 100 % 100), (int) (date % 100),
                LocalTime.of((int) (clock / 10_000), (int) (clock / 100 % 100), (int) (clock % 100), nanos));
    }

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(digits);
    }
}
