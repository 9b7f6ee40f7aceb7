package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class FieldRowHashTest {

    /** Text hashes as its UTF-8 bytes, ASCII or not, NULL as NULL, each value with its length. */
    @Test
    public void shouldHashTextAsItsUtf8Bytes() {
        FieldRowHash text = new FieldRowHash();
        FieldRowHash bytes = new FieldRowHash();
        String[] values = {"12.50", "", null, "zwölf 🦆", "-0.001", "x".repeat(1000) + "é", "000042"};
        for (String value : values) {
            text.add(value);
            bytes.add(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(text.finishRow()).isEqualTo(bytes.finishRow());

        text.add("ab");
        bytes.add("a".getBytes(StandardCharsets.UTF_8));
        bytes.add("b".getBytes(StandardCharsets.UTF_8));
        assertThat(text.finishRow()).as("values do not run together").isNotEqualTo(bytes.finishRow());
    }

    /** A whole number hashes as the text of its digits, at every length and sign, in a row as in one value. */
    @Test
    public void shouldHashANumberAsItsDecimalText() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 7L, -7L, 9L, 10L, -10L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, (long) Integer.MIN_VALUE, 4_294_967_295L));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.addAll(java.util.List.of(p - 1, p, p + 1, -p, 1 - p));
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        FieldRowHash digits = new FieldRowHash(8);
        FieldRowHash text = new FieldRowHash();
        for (long value : values) {
            digits.addDigits(value);
            text.add(Long.toString(value));
            FieldRowHash one = new FieldRowHash(4);
            one.addDigits(value);
            assertThat(one.finishRow()).as(Long.toString(value)).isEqualTo(Xxh64.hash(
                    prefixed(Long.toString(value)), 0, prefixed(Long.toString(value)).length));
        }
        assertThat(digits.finishRow()).isEqualTo(text.finishRow());
    }

    private static byte[] prefixed(String text) {
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        return java.nio.ByteBuffer.allocate(4 + value.length).putInt(value.length).put(value).array();
    }
}
