package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte loops of {@link MariaDbDumpRows} done eight bytes at a time: a dump is mostly string and hex literals,
 * and looking at them a byte at a time was much of the reader's CPU.
 */
final class DumpScan {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '\'';
    private static final long BACKSLASHES = ONES * '\\';

    private DumpScan() {
    }

    /**
     * Where the first quote or backslash of {@code b[from, end)} is, or {@code end}. {@code b} has 7 bytes after
     * {@code end}, read but not heeded: the last bytes take the same path as the others (a separate byte loop for
     * them, first taken late in a dump, made the compiled reader start over).
     */
    static int quoteOrBackslash(byte[] b, int from, int end) {
        for (int i = from; i < end; i += 8) {
            long x = (long) LONG.get(b, i);
            // The lowest flag is exact: a false one only shows above a true one.
            long found = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ BACKSLASHES);
            if (found != 0) {
                return Math.min(end, i + (Long.numberOfTrailingZeros(found) >>> 3));
            }
        }
        return end;
    }

    /**
     * Decodes the 16 hex digits at {@code b[i]} into 8 bytes at {@code v[n]}; false, writing nothing, where one of
     * them is not a digit.
     */
    static boolean hex16(byte[] b, int i, byte[] v, int n) {
        long x = (long) LONG.get(b, i);
        long y = (long) LONG.get(b, i + 8);
        if (!hexDigits(x) || !hexDigits(y)) {
            return false;
        }
        LONG.set(v, n, pack(x) | pack(y) << 32);
        return true;
    }

    /** The high bit of each zero byte (exact at the lowest). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** Whether all 8 bytes are 0-9, A-F or a-f. Below 0x80 no byte's sum carries into the next. */
    private static boolean hexDigits(long x) {
        long lower = x | ONES * 0x20;
        long digit = (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1));
        long letter = (lower + ONES * (0x80 - 'a')) & ~(lower + ONES * (0x80 - 'f' - 1));
        return (x & HIGHS) == 0 && ((digit | letter) & HIGHS) == HIGHS;
    }

    /** 8 hex digits as the 4 bytes they spell, the first in the lowest byte. */
    private static long pack(long x) {
        // A digit's value is its low 4 bits, plus 9 for a letter (bit 6 set).
        long nibbles = (x & ONES * 0x0F) + 9 * ((x >>> 6) & ONES);
        long m = (nibbles & 0x00FF00FF00FF00FFL) << 4 | (nibbles >>> 8) & 0x00FF00FF00FF00FFL;
        m = (m | m >>> 8) & 0x0000FFFF0000FFFFL;
        return (m | m >>> 16) & 0xFFFFFFFFL;
    }
}
