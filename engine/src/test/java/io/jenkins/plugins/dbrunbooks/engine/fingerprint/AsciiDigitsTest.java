package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** Digits counted and written as {@link Long#toString} writes them, at every power of ten and between. */
public class AsciiDigitsTest {

    @Test
    public void shouldCountAndWriteTheDigitsLongToStringWrites() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, Long.MAX_VALUE, (long) Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L));
        for (long ten = 1; ten <= Long.MAX_VALUE / 10; ten *= 10) {
            values.addAll(List.of(ten - 1, ten, ten + 1, ten * 10 - 1));
        }
        for (int bits = 0; bits < 63; bits++) {
            values.addAll(List.of(1L << bits, (1L << bits) - 1));
        }
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextLong() >>> 1 >>> random.nextInt(63));
        }
        for (long value : values) {
            String expected = Long.toString(value);
            assertThat(AsciiDigits.count(value)).as(expected).isEqualTo(expected.length());
            byte[] written = new byte[expected.length() + 3];
            AsciiDigits.write(written, 0, written.length, value);
            assertThat(new String(written, StandardCharsets.US_ASCII)).isEqualTo("000" + expected);
        }
    }
}
