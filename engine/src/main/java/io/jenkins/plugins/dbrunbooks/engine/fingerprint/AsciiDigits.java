package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

/**
 * The decimal digits of whole numbers written straight into a byte array, as {@link Long#toString} would write
 * them, for the millions of values a backup hashes and a restore loads: two digits a division, in int arithmetic
 * once the value fits, and no String.
 */
public final class AsciiDigits {
    /** 10 to the powers 0 to 18. */
    private static final long[] TENS = new long[19];
    /** The tens and the ones digit of 0 to 99. */
    private static final byte[] TENS_DIGIT = new byte[100];
    private static final byte[] ONES_DIGIT = new byte[100];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            TENS_DIGIT[i] = (byte) ('0' + i / 10);
            ONES_DIGIT[i] = (byte) ('0' + i % 10);
        }
    }

    private AsciiDigits() {
    }

    /**
     * How many digits {@code value}, not negative, has: its bits times log10(2) (1233 / 4096), one less where that
     * overshoots, without a loop over the powers of ten.
     */
    public static int count(long value) {
        int guess = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12;
        return Math.max(1, value < TENS[guess] ? guess : guess + 1);
    }

    /** 10 to the power {@code exponent}, 0 to 18. */
    public static long ten(int exponent) {
        return TENS[exponent];
    }

    /**
     * Writes the digits of {@code value}, not negative, so that they end just before {@code end}, and zeros before
     * them down to {@code start}.
     */
    public static void write(byte[] target, int start, int end, long value) {
        int at = end;
        while (value > Integer.MAX_VALUE) {
            long rest = value / 100;
            at = pair(target, at, (int) (value - rest * 100));
            value = rest;
        }
        int small = (int) value;
        while (small >= 100) {
            int rest = small / 100;
            at = pair(target, at, small - rest * 100);
            small = rest;
        }
        if (small >= 10) {
            at = pair(target, at, small);
        } else {
            target[--at] = (byte) ('0' + small);
        }
        while (at > start) {
            target[--at] = '0';
        }
    }

    private static int pair(byte[] target, int at, int pair) {
        target[at - 2] = TENS_DIGIT[pair];
        target[at - 1] = ONES_DIGIT[pair];
        return at - 2;
    }
}
