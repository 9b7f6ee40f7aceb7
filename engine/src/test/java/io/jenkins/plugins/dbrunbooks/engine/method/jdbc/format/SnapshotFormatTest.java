package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SnapshotFormatTest {
    private static final int MB5 = 5 * 1024 * 1024;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static ColumnDef column(String name, Kind kind) {
        return new ColumnDef(name, PortableType.of(kind, kind.name().toLowerCase()), true, null, false, null);
    }

    private static TableDef table(String schema, String name, ColumnDef... columns) {
        return new TableDef(schema, name, List.of(columns), null, null, null, null, null, null);
    }

    private static SchemaSnapshot schema(TableDef... tables) {
        return new SchemaSnapshot("postgresql", "15.4", List.of("public"), null, null, null, List.of(tables), null,
                null, List.of(new NotCarried("function", "public", "f()")));
    }

    private static final PortableType TEXT_ARRAY = new PortableType(Kind.ARRAY, 0, 0, 0,
            PortableType.of(Kind.VARCHAR, "text"), "text[]");

    private static TableDef everyKind() {
        List<ColumnDef> columns = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            columns.add(kind == Kind.ARRAY ? new ColumnDef("c_array", TEXT_ARRAY, true, null, false, null)
                    : column("c_" + kind.name().toLowerCase(), kind));
        }
        return new TableDef("Sales Ops", "Every Kind", columns, null, null, null, null, null, null);
    }

    private static Object[] sampleRow(int variant) {
        boolean max = variant == 0;
        return new Object[] {
            max, max ? Short.MAX_VALUE : Short.MIN_VALUE, max ? Integer.MAX_VALUE : Integer.MIN_VALUE,
            max ? Long.MAX_VALUE : Long.MIN_VALUE,
            max ? new BigDecimal("12345678901234567890.123456789012345678") : new BigDecimal("-0.000000000000000001"),
            max ? Float.MAX_VALUE : Float.NaN, max ? Double.NEGATIVE_INFINITY : -Double.MIN_VALUE,
            "ab", "Grüße 🎉 日本語 עברית", "tab\there\nnewline \"quoted\" 'single' \\",
            new byte[] {0, (byte) 0xff}, new byte[] {(byte) 0x80}, new byte[0],
            max ? LocalDate.of(9999, 12, 31) : LocalDate.of(1, 1, 1), max ? LocalTime.MAX : LocalTime.MIDNIGHT,
            max ? LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000) : LocalDateTime.of(1, 1, 1, 0, 0),
            max ? OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneOffset.ofHours(2))
                    : OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHoursMinutes(-9, -30)),
            "1 year 2 mons", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            "{\"a\": [1, 2.5, null], \"ü\": \"🎉\"}", Arrays.asList("x", null, "z,\"w"), "happy", "POINT(1 2)"
        };
    }

    private byte[] write(SchemaSnapshot schema, List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter writer = new SnapshotWriter(out, schema);
        for (TableDef t : schema.tables()) {
            writer.startTable(t);
            for (Object[] row : rows) {
                writer.writeRow(row);
            }
            assertThat(writer.endTable()).isEqualTo(rows.size());
        }
        writer.finish();
        return out.toByteArray();
    }

    private List<Object[]> readAll(byte[] bytes) throws IOException {
        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(bytes), temp.getRoot().toPath());
        List<Object[]> rows = new ArrayList<>();
        while (reader.nextTable() != null) {
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                rows.add(row);
            }
        }
        assertThat(reader.ended()).isTrue();
        return rows;
    }

    @Test
    public void shouldCarryEveryKindAtItsExtremes() throws Exception {
        assertThat(Kind.values()).hasSize(23);
        SchemaSnapshot schema = schema(everyKind());
        List<Object[]> rows = List.of(sampleRow(0), sampleRow(1));
        List<Object[]> back = readAll(write(schema, rows));
        assertThat(back).hasSize(2);
        for (int r = 0; r < 2; r++) {
            Object[] expected = rows.get(r).clone();
            Object[] actual = back.get(r).clone();
            for (int i : new int[] {10, 11, 12}) {
                assertThat((byte[]) back.get(r)[i]).isEqualTo((byte[]) rows.get(r)[i]);
                actual[i] = expected[i] = null;
            }
            assertThat(actual).containsExactly(expected);
        }
        assertThat(((BigDecimal) back.get(0)[4]).scale()).isEqualTo(18);
        assertThat(((OffsetDateTime) back.get(1)[16]).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-9, -30));
    }

    @Test
    public void shouldCarryNullsInEveryColumnAndArrayElement() throws Exception {
        Object[] nulls = new Object[Kind.values().length];
        Object[] someNulls = sampleRow(0);
        for (int i = 0; i < someNulls.length; i += 3) {
            someNulls[i] = null;
        }
        someNulls[10] = null;
        someNulls[11] = null;
        someNulls[12] = null;
        List<Object[]> back = readAll(write(schema(everyKind()), List.of(nulls, someNulls)));
        assertThat(back.get(0)).containsOnlyNulls();
        assertThat(back.get(1)).containsExactly(someNulls);
    }

    @Test
    public void shouldCarrySchemaWithTheRows() throws Exception {
        SchemaSnapshot schema = schema(everyKind(), table("public", "empty", column("id", Kind.INTEGER)));
        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(write(schema, List.of())),
                temp.getRoot().toPath());
        assertThat(reader.schema()).isEqualTo(schema);
        assertThat(reader.nextTable().name()).isEqualTo("Every Kind");
        assertThat(reader.nextRow()).isNull();
        assertThat(reader.nextTable().name()).isEqualTo("empty");
        assertThat(reader.nextRow()).isNull();
        assertThat(reader.nextTable()).isNull();
    }

    @Test
    public void shouldStreamLargeTextAndBinaryThroughFiles() throws Exception {
        TableDef t = table("public", "big", column("id", Kind.INTEGER), column("body", Kind.TEXT),
                column("data", Kind.BLOB), column("small", Kind.TEXT));
        StringBuilder text = new StringBuilder(MB5 + 8);
        while (text.length() < MB5) {
            text.append("ä🎉 large text ");
        }
        byte[] binary = new byte[MB5];
        new Random(7).nextBytes(binary);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter writer = new SnapshotWriter(out, schema(t));
        writer.startTable(t);
        // Readers that hand out small pieces split surrogate pairs; the format must not.
        writer.writeRow(1, new java.io.StringReader(text.toString()) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, 7));
            }
        }, new ByteArrayInputStream(binary), "small");
        writer.endTable();
        writer.finish();

        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(out.toByteArray()),
                temp.getRoot().toPath());
        reader.nextTable();
        Object[] row = reader.nextRow();
        assertThat(row[1]).isInstanceOf(SpooledValue.class);
        assertThat(row[2]).isInstanceOf(SpooledValue.class);
        assertThat(row[3]).isEqualTo("small");
        try (SpooledValue body = (SpooledValue) row[1]; SpooledValue data = (SpooledValue) row[2]) {
            assertThat(body.text()).isTrue();
            try (Reader r = body.openReader()) {
                StringBuilder back = new StringBuilder();
                char[] buffer = new char[8192];
                int n;
                while ((n = r.read(buffer)) >= 0) {
                    back.append(buffer, 0, n);
                }
                assertThat(back.toString()).isEqualTo(text.toString());
            }
            assertThat(data.length()).isEqualTo(MB5);
            try (InputStream in = data.openStream()) {
                assertThat(sha(in.readAllBytes())).isEqualTo(sha(binary));
            }
            assertThat(Files.exists(body.file())).isTrue();
        }
        assertThat(temp.getRoot().toPath().resolve("x").getParent()).isEmptyDirectory();
        assertThat(reader.nextRow()).isNull();
        assertThat(reader.nextTable()).isNull();
    }

    @Test
    public void shouldRefuseTruncatedStreamClearly() throws Exception {
        byte[] whole = write(schema(everyKind()), List.of(sampleRow(0), sampleRow(1)));
        for (int cut : new int[] {2, 9, whole.length / 2, whole.length - 30, whole.length - 1}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> readAll(part)).as("cut at " + cut).isInstanceOfSatisfying(RunbookException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY));
        }
        assertThatThrownBy(() -> readAll(Arrays.copyOf(whole, whole.length - 30)))
                .hasMessageContaining("truncated");
    }

    @Test
    public void shouldRefuseNewerVersionAndForeignPayloads() throws Exception {
        byte[] bytes = write(schema(everyKind()), List.of());
        bytes[5] = 6;
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOfSatisfying(RunbookException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY))
                .hasMessageContaining("made by a newer dbrunbooks")
                .hasMessageContaining("reads up to 5");
        assertThatThrownBy(() -> readAll("PGDMP....".getBytes())).hasMessageContaining("not a jdbc snapshot");
    }

    @Test
    public void shouldRefuseRowCountThatDoesNotMatch() throws Exception {
        byte[] bytes = write(schema(table("public", "t", column("id", Kind.INTEGER))),
                List.<Object[]>of(new Object[] {1}, new Object[] {2}));
        // The end marker's row count is the 8 bytes before the stream end marker.
        bytes[bytes.length - 2] = 3;
        assertThatThrownBy(() -> readAll(bytes)).hasMessageContaining("claims 3 rows but has 2");
    }

    private static String sha(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
