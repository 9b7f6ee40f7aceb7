package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.SelectRowHash;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * A MariaDB DATE, DATETIME or TIMESTAMP value read as its text, counted as the format writes it: days since
 * 1970-01-01 for a date, seconds and nanoseconds for a date-time. The text is kept for the fingerprint, which hashes
 * it: a backup reads each value once, with no String or {@code java.time} objects on the way, millions of times a
 * table.
 *
 * @param epoch days (a date) or seconds (a date-time) since 1970-01-01 00:00
 * @param nano the date-time's nanoseconds
 * @param text the value's text, as the server sent it
 */
public record DateText(long epoch, int nano, byte[] text) implements SelectRowHash.TextValue {
    private static final long DAYS_0000_TO_1970 = 719_528L;

    /**
     * Reads MariaDB's text of a date ({@code YYYY-MM-DD}) or date-time ({@code YYYY-MM-DD hh:mm:ss[.ffffff]}):
     * a DateText, or a {@link ZeroPartDate} for a date with a zero month or day. A date no calendar has (which
     * MariaDB holds under {@code ALLOW_INVALID_DATES}) fails as {@link LocalDate#of} fails.
     */
    public static Object parse(byte[] text, boolean withTime) {
        if (text.length < (withTime ? 19 : 10) || text[4] != '-' || text[7] != '-') {
            return ZeroPartDate.parse(new String(text, StandardCharsets.US_ASCII), withTime);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (month == 0 || day == 0 || month > 12 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            // Zero parts, or a day the month does not have: ZeroPartDate, or LocalDate's own error.
            return ZeroPartDate.parse(new String(text, StandardCharsets.US_ASCII), withTime);
        }
        long days = epochDay(year, month, day);
        if (!withTime) {
            return new DateText(days, 0, text);
        }
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            return ZeroPartDate.parse(new String(text, StandardCharsets.US_ASCII), true);
        }
        int nano = 0;
        int digits = 0;
        if (text.length > 20 && text[19] == '.') {
            for (int i = 20; i < text.length && digits < 9; i++, digits++) {
                nano = nano * 10 + (text[i] - '0');
            }
        }
        for (; digits < 9; digits++) {
            nano *= 10;
        }
        return new DateText(days * 86_400L + hour * 3_600L + minute * 60L + second, nano, text);
    }

    private static int digits(byte[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("not a date: " + new String(text, StandardCharsets.US_ASCII));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** {@link LocalDate#toEpochDay}'s count, for a year from 0 to 9999 and a valid month and day. */
    private static long epochDay(int year, int month, int day) {
        long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
                + (367L * month - 362) / 12 + day - 1;
        if (month > 2) {
            total--;
            boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
            if (!leap) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}
