package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.SelectRowHash;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A MariaDB DECIMAL read as its text, as the server sends it ({@code -123.45}, zero-padded under ZEROFILL). Up to 18
 * digits, as most columns, it is counted into a {@code long} and written as the format writes a BigDecimal's
 * unscaled value, without a BigDecimal or BigInteger on the way; the text is kept for the fingerprint, which hashes
 * it instead of asking the driver for it again.
 */
public final class DecimalText implements SelectRowHash.TextValue {
    private static final int LONG_DIGITS = 18;

    private final byte[] text;
    private final long unscaled;
    private final int scale;
    /** Where the value has more than {@link #LONG_DIGITS} digits; else null and {@link #unscaled} holds it. */
    private final BigDecimal big;

    private DecimalText(byte[] text, long unscaled, int scale, BigDecimal big) {
        this.text = text;
        this.unscaled = unscaled;
        this.scale = scale;
        this.big = big;
    }

    /** Reads a decimal's text; one that is not plain digits with an optional sign and point fails as BigDecimal's. */
    public static DecimalText parse(byte[] text) {
        int at = text.length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        long value = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        boolean plain = at < text.length;
        for (int i = at; i < text.length && plain; i++) {
            byte b = text[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits++;
                scale += point ? 1 : 0;
            } else if (b == '.' && !point) {
                point = true;
            } else {
                plain = false;
            }
        }
        if (!plain || digits == 0 || digits > LONG_DIGITS) {
            return new DecimalText(text, 0, 0, new BigDecimal(new String(text, StandardCharsets.US_ASCII)));
        }
        return new DecimalText(text, text[0] == '-' ? -value : value, scale, null);
    }

    @Override
    public byte[] text() {
        return text;
    }

    public BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * Writes the value as {@link ValueCodec} writes a BigDecimal: the unscaled value's shortest two's-complement
     * bytes, as {@code BigInteger.toByteArray} gives them, with their count before, then the scale.
     */
    void write(DataOutput out) throws IOException {
        if (big != null) {
            byte[] bytes = big.unscaledValue().toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt(big.scale());
            return;
        }
        int bits = 64 - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled);
        int length = bits / 8 + 1;
        out.writeInt(length);
        for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
            out.writeByte((int) (unscaled >> shift));
        }
        out.writeInt(scale);
    }

    @Override
    public String toString() {
        return new String(text, StandardCharsets.US_ASCII);
    }
}
