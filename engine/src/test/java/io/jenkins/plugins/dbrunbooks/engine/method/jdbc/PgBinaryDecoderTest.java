package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.PgBinaryDecoder;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.postgresql.PGConnection;

/**
 * Decodes real binary COPY output of every type the format carries that way and compares each value with what
 * the driver reads for the same row, which is what the row encoding would carry.
 */
public class PgBinaryDecoderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String[] ROWS = {
        "(1, true, 32767, 2147483647, 9223372036854775807, 3.4e38, 1.7976931348623157e308, 'NaN',"
                + " 'Grüße 🎉 日本語', 'ab', 'x', '{\"a\": [1, 2.50, null]}', '{\"b\": \"é\"}', '\\x00ff5c',"
                + " '2024-02-29', '24:00:00', '1999-12-31 23:59:59.999999', '2024-03-31 02:30:00.123456+14',"
                + " '1 year 2 mons -3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy',"
                + " 'public.t', 12.5, '{1,NULL,-3}', ARRAY['a,b', NULL, '', 'q\"uote'],"
                + " ARRAY['infinity', NULL, '-infinity', '2020-02-29 23:59:59.999999+05:45']::timestamptz[],"
                + " ARRAY[1.5, NULL, 'NaN', '-0.000100']::numeric[], '{t,f,NULL}', ARRAY['infinity', '0044-03-15 BC']::date[])",
        "(2, false, -32768, -2147483648, -9223372036854775808, '-Infinity', 'NaN', '-123456789012345678901234567890.000000000000000000001',"
                + " '', '', 'y', '[]', '{}', '', '0044-03-15 BC', '00:00:00', '-infinity', 'infinity',"
                + " '-1 years -2 mons +3 days -04:05:06.5', '00000000-0000-0000-0000-000000000000', 'sad', 'x', -0.01,"
                + " '{}', '{}', '{}', '{}', '{}', '{}')",
        "(3, NULL, NULL, NULL, NULL, NULL, NULL, 'Infinity', NULL, NULL, NULL, NULL, NULL, NULL, 'infinity', NULL,"
                + " '0001-01-01 00:00:00 BC', '1900-01-01 00:00:00+00', '0', NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL)",
        "(4, NULL, 0, 0, 0, 0, -0.0, '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, '-infinity', '12:34:56.000001',"
                + " 'infinity', '-infinity', '-00:00:00.5', NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL)",
        "(5, NULL, NULL, NULL, NULL, NULL, NULL, 0.000000000000000000000000000001, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, '100 years 11 mons 1 day 999:59:59', NULL, NULL, NULL, 999.5, NULL, NULL,"
                + " NULL, NULL, NULL, NULL)",
        "(6, NULL, NULL, NULL, NULL, NULL, NULL, 10000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, 99999999.99, NULL, NULL, NULL, NULL, NULL, NULL)",
    };

    private static TestDatabase sample() {
        TestDatabase db = TestServers.newPostgresDatabase();
        try {
            fill(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static void fill(TestDatabase db) {
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN money10 AS numeric(10,2) CHECK (VALUE > -1000)",
                "CREATE TABLE every (id int, b bool, s smallint, i int, l bigint, r real, d double precision,"
                        + " n numeric, t text, vc varchar(20), c char(1), j json, jb jsonb, by bytea, dt date,"
                        + " tm time, ts timestamp, tz timestamptz, iv interval, u uuid, m mood, nm name,"
                        + " dm money10, ia int[], ta text[], tza timestamptz[], na numeric[], ba bool[], da date[])");
        db.execute("INSERT INTO every VALUES " + String.join(", ", ROWS));
    }

    @Test
    public void shouldDecodeEveryTypeLikeTheDriverReadsIt() throws Exception {
        try (TestDatabase db = sample(); Connection c = db.connect()) {
            SchemaSnapshot schema = new PostgresCatalogReader().read(c);
            TableDef table = schema.tables().get(0);
            ParallelCopyBackup.Plan plan = ParallelCopyBackup.plan(c, schema);
            TableEncoding encoding = plan.encodings().get(0);
            assertThat(encoding.isPgCopy()).isTrue();
            assertThat(encoding.pgTypes()).containsExactly("int4", "bool", "int2", "int4", "int8", "float4",
                    "float8", "numeric", "text", "text", "text", "json", "jsonb", "bytea", "date", "time",
                    "timestamp", "timestamptz", "interval", "uuid", "text", "text", "numeric", "_int4", "_text",
                    "_timestamptz", "_numeric", "_bool", "_date");

            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM every ORDER BY id) TO STDOUT"
                    + " (FORMAT binary)", copy);
            PgBinaryDecoder decoder = new PgBinaryDecoder(new ByteArrayInputStream(copy.toByteArray()),
                    table.columns(), encoding.pgTypes(), tmp.getRoot().toPath(), 1 << 20);
            List<List<Object>> decoded = new ArrayList<>();
            Object[] row;
            while ((row = decoder.nextRow()) != null) {
                decoded.add(comparable(row));
            }
            assertThat(decoder.rows()).isEqualTo(ROWS.length);

            List<List<Object>> read = new ArrayList<>();
            List<ColumnDef> columns = table.columns();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM every ORDER BY id")) {
                while (rs.next()) {
                    Object[] values = new Object[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = JdbcValues.read(rs, i + 1, columns.get(i).type());
                    }
                    read.add(comparable(values));
                }
            }
            for (int r = 0; r < ROWS.length; r++) {
                assertThat(decoded.get(r)).as("row " + (r + 1)).containsExactlyElementsOf(read.get(r));
            }

            // The values the driver once got wrong or refused, spelled out.
            assertThat(decoded.get(0).get(7)).isEqualTo(Double.NaN);
            assertThat(decoded.get(2).get(7)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(decoded.get(1).get(7)).hasToString("-123456789012345678901234567890.000000000000000000001");
            assertThat(decoded.get(4).get(7)).hasToString("1E-30");
            assertThat(decoded.get(0).get(25)).isEqualTo(List.of(OffsetDateTime.MAX, "null", OffsetDateTime.MIN,
                    OffsetDateTime.parse("2020-02-29T18:14:59.999999Z")));
            assertThat(decoded.get(0).get(28)).isEqualTo(List.of(LocalDate.MAX, LocalDate.of(-43, 3, 15)));
            assertThat(decoded.get(0).get(15)).isEqualTo(LocalTime.MAX);
            assertThat(decoded.get(2).get(16)).isEqualTo(LocalDateTime.of(0, 1, 1, 0, 0));
            assertThat(decoded.get(0).get(18)).isEqualTo("1 year 2 mons -3 days +04:05:06.789");
        }
    }

    @Test
    public void shouldSpoolLargeTextAndBytesAndRefuseDamage() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE big (t text, b bytea)",
                    "INSERT INTO big VALUES (repeat('ü', 600000), decode(repeat('00ff', 700000), 'hex'))");
            SchemaSnapshot schema = new PostgresCatalogReader().read(c);
            TableEncoding encoding = ParallelCopyBackup.plan(c, schema).encodings().get(0);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY big TO STDOUT (FORMAT binary)", copy);
            byte[] bytes = copy.toByteArray();
            PgBinaryDecoder decoder = new PgBinaryDecoder(new ByteArrayInputStream(bytes),
                    schema.tables().get(0).columns(), encoding.pgTypes(), tmp.getRoot().toPath(), 1 << 20);
            Object[] row = decoder.nextRow();
            try (SpooledValue text = (SpooledValue) row[0]; SpooledValue binary = (SpooledValue) row[1]) {
                assertThat(text.length()).isEqualTo(1_200_000);
                assertThat(Files.readString(text.file())).isEqualTo("ü".repeat(600000));
                assertThat(binary.length()).isEqualTo(1_400_000);
            }
            assertThat(decoder.nextRow()).isNull();

            byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
            assertThatThrownBy(() -> new PgBinaryDecoder(new ByteArrayInputStream(cut),
                    schema.tables().get(0).columns(), encoding.pgTypes(), tmp.getRoot().toPath(), 1 << 20).nextRow())
                    .isInstanceOf(java.io.EOFException.class);
            byte[] foreign = bytes.clone();
            foreign[0] = 'X';
            assertThatThrownBy(() -> new PgBinaryDecoder(new ByteArrayInputStream(foreign),
                    schema.tables().get(0).columns(), encoding.pgTypes(), tmp.getRoot().toPath(), 1 << 20).nextRow())
                    .hasMessageContaining("COPY signature");
        }
    }

    @Test
    public void shouldChooseTheRowEncodingForTypesWithoutABinaryForm() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')", "CREATE DOMAIN tag AS text",
                    "CREATE TABLE a_plain (id int, tags tag, mood mood)", "CREATE TABLE b_point (id int, p point)",
                    "CREATE TABLE c_moods (id int, moods mood[])", "CREATE TABLE d_timetz (id int, t timetz)");
            SchemaSnapshot schema = new PostgresCatalogReader().read(c);
            List<String> chosen = ParallelCopyBackup.plan(c, schema).encodings().stream()
                    .map(e -> e.isPgCopy() ? "copy" : "rows").collect(Collectors.toList());
            // Enum arrays carry the enum's oid, which differs between databases.
            assertThat(chosen).containsExactly("copy", "rows", "rows", "rows");
        }
    }

    /** Values as comparable objects: streams read out, byte arrays as hex, NULL elements as "null". */
    private static List<Object> comparable(Object[] row) throws Exception {
        List<Object> values = new ArrayList<>();
        for (Object v : row) {
            values.add(comparable(v));
        }
        return values;
    }

    private static Object comparable(Object v) throws Exception {
        if (v instanceof Reader r) {
            StringWriter w = new StringWriter();
            r.transferTo(w);
            return w.toString();
        } else if (v instanceof InputStream in) {
            return HexFormat.of().formatHex(in.readAllBytes());
        } else if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        } else if (v instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            for (Object e : list) {
                elements.add(e == null ? "null" : comparable(e));
            }
            return elements;
        }
        return v;
    }
}
