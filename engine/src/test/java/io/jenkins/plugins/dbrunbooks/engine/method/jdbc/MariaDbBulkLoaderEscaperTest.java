package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** The LOAD DATA text of numbers, decimals and dates, written in place, is the text the JDK's own methods give. */
public class MariaDbBulkLoaderEscaperTest {

    @Test
    public void shouldWriteWholeNumbersAsLongToStringDoesAndPadThemToTheirWidth() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, -10L, 99L, 100L, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1, 2155L));
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long value : values) {
            assertThat(written(out -> out.number(value, 1))).isEqualTo(Long.toString(value));
        }
        assertThat(written(out -> out.number(0, 4))).isEqualTo("0000");
        assertThat(written(out -> out.number(99, 4))).isEqualTo("0099");
        assertThat(written(out -> out.number(2024, 4))).isEqualTo("2024");
        assertThat(written(out -> out.number(12345, 4))).isEqualTo("12345");
        assertThat(written(out -> out.number(1000, 6))).isEqualTo("001000");
    }

    @Test
    public void shouldWriteDecimalsAsToPlainStringDoes() {
        List<BigDecimal> values = new ArrayList<>(List.of(new BigDecimal("0.00"), new BigDecimal("-0.50"),
                new BigDecimal("12.5"), new BigDecimal("-999999999999999999"), new BigDecimal("0.000000000000000001"),
                new BigDecimal("123456789012345678.9"), new BigDecimal("1E+3"),
                new BigDecimal("-12345678901234567890.0123456789"), BigDecimal.ZERO, new BigDecimal("7"),
                new BigDecimal("-0.000001")));
        Random random = new Random(5);
        for (int i = 0; i < 5000; i++) {
            values.add(new BigDecimal(BigInteger.valueOf(random.nextLong() >> random.nextInt(64)),
                    random.nextInt(21)));
        }
        for (BigDecimal value : values) {
            assertThat(written(out -> out.decimal(value))).as(value.toString()).isEqualTo(value.toPlainString());
        }
    }

    @Test
    public void shouldWriteDatesAndTimesToTheMicrosecond() {
        assertThat(written(out -> MariaDbBulkLoader.temporal(out, LocalDate.of(7, 3, 9)))).isEqualTo("0007-03-09");
        assertThat(written(out -> MariaDbBulkLoader.temporal(out, LocalTime.of(1, 2, 3, 4000))))
                .isEqualTo("01:02:03.000004");
        assertThat(written(out -> MariaDbBulkLoader.temporal(out, LocalDateTime.of(2024, 12, 31, 23, 59, 59,
                123_456_789)))).isEqualTo("2024-12-31 23:59:59.123456789");
        assertThat(written(out -> MariaDbBulkLoader.temporal(out, LocalDateTime.of(1970, 1, 1, 0, 0))))
                .isEqualTo("1970-01-01 00:00:00");
    }

    /**
     * Every byte that needs an escape, at every position of a word and beside the bytes below 14 that do not,
     * escaped as the byte-by-byte rule says, in buffers of every length and at every offset.
     */
    @Test
    public void shouldEscapeExactlyTheBytesLoadDataNeedsEscapedWhereverTheyStand() {
        Random random = new Random(13);
        byte[] alphabet = {0, 9, 10, 13, '\\', 11, 12, 1, 8, 14, 'a', 'Z', '0', ' ', (byte) 0x80, (byte) 0xDC,
            (byte) 0x8C, (byte) 0xFF, 0x5B, 0x5D};
        for (int i = 0; i < 20_000; i++) {
            byte[] source = new byte[random.nextInt(70)];
            int rare = random.nextInt(4);
            for (int k = 0; k < source.length; k++) {
                source[k] = random.nextInt(8) < rare ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) random.nextInt(256);
            }
            int offset = source.length == 0 ? 0 : random.nextInt(source.length);
            int length = source.length - offset == 0 ? 0 : random.nextInt(source.length - offset + 1);
            MariaDbBulkLoader.Escaper out = new MariaDbBulkLoader.Escaper();
            out.put('[');
            out.escape(source, offset, length);
            assertThat(Arrays.copyOf(out.bytes, out.size)).as(Arrays.toString(source) + " from " + offset + ", "
                    + length).isEqualTo(escapedByteByByte(source, offset, length));
        }
    }

    private static byte[] escapedByteByByte(byte[] source, int offset, int length) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write('[');
        for (int i = offset; i < offset + length; i++) {
            byte b = source[i];
            String escape = switch (b) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case 0 -> "\\0";
                default -> null;
            };
            if (escape == null) {
                out.write(b);
            } else {
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static String written(java.util.function.Consumer<MariaDbBulkLoader.Escaper> write) {
        MariaDbBulkLoader.Escaper out = new MariaDbBulkLoader.Escaper();
        write.accept(out);
        return new String(out.bytes, 0, out.size, StandardCharsets.US_ASCII);
    }
}
