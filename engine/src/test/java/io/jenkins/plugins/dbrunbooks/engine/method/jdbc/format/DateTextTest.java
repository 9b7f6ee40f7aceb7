package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** A date read as MariaDB's text is written as the same date parsed the long way, and keeps its text. */
public class DateTextTest {

    @Test
    public void shouldWriteEveryDateAndDateTimeAsTheirParsedValues() throws Exception {
        Random random = new Random(7);
        List<String> dates = new java.util.ArrayList<>(List.of("1970-01-01", "0001-01-01", "9999-12-31",
                "2000-02-29", "1900-02-28", "2024-02-29", "1969-12-31", "0000-01-01", "0400-03-01", "2100-03-01"));
        for (int i = 0; i < 5000; i++) {
            dates.add(LocalDate.ofEpochDay(random.nextInt(3_652_059) - 719_162).toString());
        }
        for (String date : dates) {
            byte[] text = date.getBytes(StandardCharsets.US_ASCII);
            assertThat(written(Kind.DATE, DateText.parse(text, false))).as(date)
                    .isEqualTo(written(Kind.DATE, ZeroPartDate.parse(date, false)));
            String time = date + " " + two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":"
                    + two(random.nextInt(60)) + fraction(random);
            Object value = DateText.parse(time.getBytes(StandardCharsets.US_ASCII), true);
            assertThat(written(Kind.TIMESTAMP, value)).as(time)
                    .isEqualTo(written(Kind.TIMESTAMP, ZeroPartDate.parse(time, true)));
            assertThat(((DateText) value).text()).isEqualTo(time.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    public void shouldLeaveZeroPartsToZeroPartDateAndRefuseWhatNoCalendarHas() {
        assertThat(DateText.parse(bytes("0000-00-00"), false)).isEqualTo(ZeroPartDate.parse("0000-00-00", false));
        assertThat(DateText.parse(bytes("2024-02-00 10:00:00.5"), true))
                .isEqualTo(ZeroPartDate.parse("2024-02-00 10:00:00.5", true));
        assertThatThrownBy(() -> DateText.parse(bytes("2023-02-29"), false)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> DateText.parse(bytes("2024-04-31 00:00:00"), true))
                .isInstanceOf(DateTimeException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String fraction(Random random) {
        int digits = random.nextInt(7);
        if (digits == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder(".");
        for (int i = 0; i < digits; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static byte[] written(Kind kind, Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowEncoding.write(new DataOutputStream(bytes), List.of(new ColumnDef("c", PortableType.of(kind, null),
                true, null, false, null, null, false, false)), new Object[] {value});
        return bytes.toByteArray();
    }
}
