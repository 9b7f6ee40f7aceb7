package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** A decimal read as MariaDB's text is written as the same text parsed into a BigDecimal, and keeps its text. */
public class DecimalTextTest {
    private static final List<ColumnDef> COLUMN = List.of(new ColumnDef("c", PortableType.of(Kind.DECIMAL, null),
            true, null, false, null, null, false, false));

    @Test
    public void shouldWriteEveryDecimalAsItsBigDecimal() throws Exception {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.00", "-0.00", "1", "-1", "127", "128", "-128",
                "-129", "255", "256", "32767", "32768", "-32768", "-32769", "999999999999999999",
                "-999999999999999999", "1000000000000000000", "-1000000000000000000", "99999999999999999999.99",
                "18446744073709551615", "0000000042", "00000000000000000000000001.50", "12345678.123456789012345",
                ".5", "5.", "-.25"));
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int whole = 1 + random.nextInt(22);
            for (int d = 0; d < whole; d++) {
                text.append(random.nextInt(10));
            }
            int fraction = random.nextInt(8);
            if (fraction > 0) {
                text.append('.');
                for (int d = 0; d < fraction; d++) {
                    text.append(random.nextInt(10));
                }
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            DecimalText value = DecimalText.parse(bytes);
            BigDecimal expected = new BigDecimal(text);
            assertThat(written(value)).as(text).isEqualTo(written(expected));
            assertThat(value.toBigDecimal()).as(text).isEqualTo(expected);
            assertThat(value.text()).isSameAs(bytes);
            assertThat(readBack(value)).as(text).isEqualTo(expected);
        }
    }

    @Test
    public void shouldWriteTheUnscaledValueAsBigIntegerDoesAtEveryLengthOfALong() throws Exception {
        for (int bits = 0; bits < 60; bits++) {
            for (long unscaled : new long[] {1L << bits, (1L << bits) - 1, -(1L << bits), -(1L << bits) - 1}) {
                String text = BigDecimal.valueOf(unscaled, 3).toPlainString();
                assertThat(written(DecimalText.parse(text.getBytes(StandardCharsets.US_ASCII)))).as(text)
                        .isEqualTo(written(new BigDecimal(BigInteger.valueOf(unscaled), 3)));
            }
        }
    }

    @Test
    public void shouldFailOnTextThatIsNoDecimalAsBigDecimalDoes() {
        for (String text : List.of("", "-", ".", "1.2.3", "12a", "1e5 x")) {
            assertThatThrownBy(() -> DecimalText.parse(text.getBytes(StandardCharsets.US_ASCII))).as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    private static byte[] written(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowEncoding.write(new DataOutputStream(bytes), COLUMN, new Object[] {value});
        return bytes.toByteArray();
    }

    /** The value written alone and read back as a restore reads it. */
    private static Object readBack(DecimalText value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ValueCodec.writer(COLUMN.get(0).type()).write(new DataOutputStream(bytes), value);
        return new ValueCodec(null, Integer.MAX_VALUE).read(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray())), COLUMN.get(0).type());
    }
}
