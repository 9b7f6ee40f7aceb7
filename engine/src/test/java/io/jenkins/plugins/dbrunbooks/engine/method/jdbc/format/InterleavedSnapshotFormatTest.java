package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InterleavedSnapshotFormatTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static ColumnDef column(String name, Kind kind) {
        return new ColumnDef(name, PortableType.of(kind, kind.name().toLowerCase()), true, null, false, null);
    }

    private static TableDef table(String name) {
        return new TableDef("public", name, List.of(column("id", Kind.INTEGER), column("note", Kind.TEXT),
                column("amount", Kind.DECIMAL)), null, null, null, null, null, null);
    }

    private static final SchemaSnapshot SCHEMA = new SchemaSnapshot("postgresql", "15", List.of(), null, null, null,
            List.of(table("a"), table("b"), table("c")), null, null, null);

    private static Object[] row(int i) {
        Object amount = i % 5 == 0 ? Double.NaN : i % 7 == 0 ? Double.NEGATIVE_INFINITY
                : new BigDecimal(i).movePointLeft(3);
        return new Object[] {i, i % 3 == 0 ? null : "row " + i + " 🎉", amount};
    }

    private static byte[] rows(TableDef table, int from, int to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int i = from; i < to; i++) {
            RowEncoding.write(out, table.columns(), row(i));
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Tables a and b interleaved in small segments, then c alone, empty. */
    private static byte[] stream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterleavedSnapshotWriter writer = new InterleavedSnapshotWriter(out, SCHEMA, 2);
        writer.begin(1, TableEncoding.rows());
        writer.begin(0, TableEncoding.rows());
        byte[] a = rows(SCHEMA.tables().get(0), 0, 50);
        byte[] b = rows(SCHEMA.tables().get(1), 100, 130);
        // Segment boundaries fall anywhere, inside values too.
        for (int off = 0; off < Math.max(a.length, b.length); off += 37) {
            if (off < a.length) {
                writer.segment(0, a, off, Math.min(37, a.length - off));
            }
            if (off < b.length) {
                writer.segment(1, b, off, Math.min(37, b.length - off));
            }
        }
        writer.end(1, 30);
        writer.begin(2, TableEncoding.rows());
        writer.end(0, 50);
        writer.end(2, 0);
        writer.finish();
        return out.toByteArray();
    }

    private Map<String, List<Object[]>> readAll(byte[] bytes) throws Exception {
        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(bytes), temp.getRoot().toPath());
        assertThat(reader.version()).isBetween(2, 5);
        Map<Integer, ByteArrayOutputStream> data = new HashMap<>();
        Map<Integer, Long> claimed = new HashMap<>();
        Map<Integer, TableEncoding> encodings = new HashMap<>();
        reader.readData(new SnapshotReader.DataVisitor() {
            @Override
            public void begin(int index, TableDef table, TableEncoding encoding) {
                data.put(index, new ByteArrayOutputStream());
                encodings.put(index, encoding);
            }

            @Override
            public void segment(int index, byte[] segment) {
                data.get(index).writeBytes(segment);
            }

            @Override
            public void end(int index, long rows) {
                claimed.put(index, rows);
            }
        });
        assertThat(reader.ended()).isTrue();
        Map<String, List<Object[]>> tables = new LinkedHashMap<>();
        for (int i = 0; i < SCHEMA.tables().size(); i++) {
            TableDef table = SCHEMA.tables().get(i);
            long rows = claimed.get(i);
            SnapshotReader rowsOf = SnapshotReader.forTable(new ByteArrayInputStream(data.get(i).toByteArray()),
                    () -> rows, table, encodings.get(i), temp.getRoot().toPath(), 1 << 20);
            List<Object[]> list = new ArrayList<>();
            Object[] row;
            while ((row = rowsOf.nextRow()) != null) {
                list.add(row);
            }
            tables.put(table.name(), list);
        }
        return tables;
    }

    @Test
    public void shouldReadInterleavedTablesBackRowForRow() throws Exception {
        Map<String, List<Object[]>> tables = readAll(stream());
        assertThat(tables.get("a")).hasSize(50);
        assertThat(tables.get("b")).hasSize(30);
        assertThat(tables.get("c")).isEmpty();
        for (int i = 0; i < 50; i++) {
            assertThat(tables.get("a").get(i)).containsExactly(row(i));
        }
        for (int i = 0; i < 30; i++) {
            assertThat(tables.get("b").get(i)).containsExactly(row(100 + i));
        }
        assertThat(tables.get("a").get(5)[2]).isEqualTo(Double.NaN);
    }

    @Test
    public void shouldRefuseATruncatedStreamWhereverItIsCut() throws Exception {
        byte[] whole = stream();
        for (int cut = 1; cut < whole.length; cut += Math.max(1, whole.length / 97)) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> readAll(part)).as("cut at " + cut).isInstanceOfSatisfying(RunbookException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY));
        }
    }

    @Test
    public void shouldRefuseRowCountsThatDoNotMatch() throws Exception {
        byte[] bytes = stream();
        // Table c's end, then the stream's end: 'E' i32 2 i64 0 'Z'.
        bytes[bytes.length - 2] = 1;
        assertThatThrownBy(() -> readAll(bytes)).hasMessageContaining("claims 1 rows but has 0");
    }

    @Test
    public void shouldRefuseAStreamThatBreaksItsOwnRules() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterleavedSnapshotWriter writer = new InterleavedSnapshotWriter(out, SCHEMA, 1);
        writer.begin(0, TableEncoding.rows());
        assertThatThrownBy(() -> writer.begin(1, TableEncoding.rows())).hasMessageContaining("More than 1");
        assertThatThrownBy(() -> writer.segment(2, new byte[1], 0, 1)).hasMessageContaining("not open");
        assertThatThrownBy(writer::finish).hasMessageContaining("Every table");

        // A reader checks the same rules on streams made otherwise: here two tables open where one is allowed.
        byte[] two = stream();
        int header = 4 + 2 + 4 + SnapshotFormat.JSON.writeValueAsBytes(SCHEMA).length;
        two[header + 1] = 1;
        assertThatThrownBy(() -> readAll(two)).isInstanceOfSatisfying(RunbookException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY)).hasMessageContaining("more than 1 tables");
        byte[] unknown = stream();
        unknown[header + 2 + 5] = 9;
        assertThatThrownBy(() -> readAll(unknown)).hasMessageContaining("unknown encoding 9");
        byte[] newer = stream();
        newer[5] = 6;
        assertThatThrownBy(() -> readAll(newer)).hasMessageContaining("this version reads up to 5");
        // Version 3 is version 2's layout; only the schema it may hold differs.
        byte[] three = stream();
        three[5] = 3;
        Map<String, List<Object[]>> asThree = readAll(three);
        Map<String, List<Object[]>> asTwo = readAll(stream());
        assertThat(asThree).isNotEmpty().containsOnlyKeys(asTwo.keySet());
        asTwo.forEach((table, rows) -> assertThat(asThree.get(table)).as(table).hasSameSizeAs(rows));
    }

    @Test
    public void shouldCarryTheSourcesOwnDefinitionsInVersion4Only() throws Exception {
        NativeDefinition function = new NativeDefinition("postgresql", "function", "public", "f()",
                NativeDefinition.BEFORE_TABLES, List.of("CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql"
                        + " AS 'SELECT 1'"), List.of());
        SchemaSnapshot withDefinitions = new SchemaSnapshot("postgresql", "15", List.of(), null, null, null,
                List.of(), null, null, null, null, List.of(function));
        assertThat(InterleavedSnapshotWriter.versionFor(withDefinitions, InterleavedSnapshotWriter.INTERLEAVED))
                .isEqualTo(4);
        assertThat(InterleavedSnapshotWriter.versionFor(SCHEMA, InterleavedSnapshotWriter.SAME_ENGINE_DEFINITIONS))
                .isEqualTo(3);
        assertThatThrownBy(() -> new InterleavedSnapshotWriter(new ByteArrayOutputStream(), withDefinitions, 1,
                InterleavedSnapshotWriter.SAME_ENGINE_DEFINITIONS)).hasMessageContaining("version 4");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new InterleavedSnapshotWriter(out, withDefinitions, 1, InterleavedSnapshotWriter.NATIVE_DEFINITIONS).finish();
        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(out.toByteArray()),
                temp.getRoot().toPath());
        assertThat(reader.version()).isEqualTo(4);
        assertThat(reader.schema().definitions()).containsExactly(function);
    }

    /** Table a in three parts, two of them open at once beside table b, then c whole and empty. */
    private static byte[] splitStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterleavedSnapshotWriter writer = new InterleavedSnapshotWriter(out, SCHEMA, 3,
                InterleavedSnapshotWriter.SPLIT);
        TableDef a = SCHEMA.tables().get(0);
        writer.begin(0, 1, 3, TableEncoding.rows());
        writer.begin(1, TableEncoding.rows());
        writer.begin(0, 0, 3, TableEncoding.rows());
        byte[] first = rows(a, 0, 20);
        byte[] second = rows(a, 20, 45);
        byte[] b = rows(SCHEMA.tables().get(1), 100, 130);
        for (int off = 0; off < b.length; off += 29) {
            if (off < first.length) {
                writer.segment(0, 0, first, off, Math.min(29, first.length - off));
            }
            if (off < second.length) {
                writer.segment(0, 1, second, off, Math.min(29, second.length - off));
            }
            writer.segment(1, b, off, Math.min(29, b.length - off));
        }
        writer.end(0, 1, 25);
        writer.end(0, 0, 20);
        writer.begin(0, 2, 3, TableEncoding.rows());
        byte[] third = rows(a, 45, 50);
        writer.segment(0, 2, third, 0, third.length);
        writer.end(1, 30);
        writer.end(0, 2, 5);
        writer.begin(2, TableEncoding.rows());
        writer.end(2, 0);
        writer.finish();
        return out.toByteArray();
    }

    /** Per table, per part, the rows read back. */
    private Map<Integer, Map<Integer, List<Object[]>>> readParts(byte[] bytes) throws Exception {
        SnapshotReader reader = SnapshotReader.open(new ByteArrayInputStream(bytes), temp.getRoot().toPath());
        assertThat(reader.version()).isEqualTo(5);
        Map<List<Integer>, ByteArrayOutputStream> data = new HashMap<>();
        Map<List<Integer>, Long> claimed = new HashMap<>();
        Map<List<Integer>, Integer> partCounts = new HashMap<>();
        reader.readData(new SnapshotReader.DataVisitor() {
            @Override
            public void begin(int index, TableDef table, TableEncoding encoding) {
                throw new AssertionError("the part-aware method is called");
            }

            @Override
            public void segment(int index, byte[] segment) {
                throw new AssertionError("the part-aware method is called");
            }

            @Override
            public void end(int index, long rows) {
                throw new AssertionError("the part-aware method is called");
            }

            @Override
            public void begin(int index, int part, int parts, TableDef table, TableEncoding encoding) {
                data.put(List.of(index, part), new ByteArrayOutputStream());
                partCounts.put(List.of(index, part), parts);
            }

            @Override
            public void segment(int index, int part, byte[] segment) {
                data.get(List.of(index, part)).writeBytes(segment);
            }

            @Override
            public void end(int index, int part, long rows) {
                claimed.put(List.of(index, part), rows);
            }
        });
        assertThat(reader.ended()).isTrue();
        Map<Integer, Map<Integer, List<Object[]>>> tables = new HashMap<>();
        for (Map.Entry<List<Integer>, ByteArrayOutputStream> e : data.entrySet()) {
            int index = e.getKey().get(0);
            long rows = claimed.get(e.getKey());
            SnapshotReader rowsOf = SnapshotReader.forTable(new ByteArrayInputStream(e.getValue().toByteArray()),
                    () -> rows, SCHEMA.tables().get(index), TableEncoding.rows(), temp.getRoot().toPath(), 1 << 20);
            List<Object[]> list = new ArrayList<>();
            Object[] row;
            while ((row = rowsOf.nextRow()) != null) {
                list.add(row);
            }
            assertThat(partCounts.get(e.getKey())).isEqualTo(index == 0 ? 3 : 1);
            tables.computeIfAbsent(index, k -> new HashMap<>()).put(e.getKey().get(1), list);
        }
        return tables;
    }

    @Test
    public void shouldReadATableInPartsBackRowForRow() throws Exception {
        Map<Integer, Map<Integer, List<Object[]>>> tables = readParts(splitStream());
        assertThat(tables.get(0)).containsOnlyKeys(0, 1, 2);
        List<Object[]> a = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            a.addAll(tables.get(0).get(part));
        }
        assertThat(a).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(a.get(i)).containsExactly(row(i));
        }
        assertThat(tables.get(1).get(0)).hasSize(30);
        assertThat(tables.get(2).get(0)).isEmpty();
        // A reader that knows no parts refuses a table in several rather than read one part as the table.
        assertThatThrownBy(() -> readAll(splitStream())).hasMessageContaining("several parts");
    }

    @Test
    public void shouldRefuseSplitStreamsThatBreakTheirRules() throws Exception {
        assertThatThrownBy(() -> new InterleavedSnapshotWriter(new ByteArrayOutputStream(), SCHEMA, 2,
                InterleavedSnapshotWriter.NATIVE_DEFINITIONS).begin(0, 0, 2, TableEncoding.rows()))
                .hasMessageContaining("version 5");
        InterleavedSnapshotWriter writer = new InterleavedSnapshotWriter(new ByteArrayOutputStream(), SCHEMA, 2,
                InterleavedSnapshotWriter.SPLIT);
        writer.begin(0, 0, 2, TableEncoding.rows());
        assertThatThrownBy(() -> writer.begin(0, 0, 2, TableEncoding.rows())).hasMessageContaining("begins once");
        assertThatThrownBy(() -> writer.begin(0, 1, 3, TableEncoding.rows())).hasMessageContaining("in 2 parts");
        writer.end(0, 0, 0);
        writer.begin(1, TableEncoding.rows());
        writer.end(1, 0);
        writer.begin(2, TableEncoding.rows());
        writer.end(2, 0);
        // One part of table a never came.
        assertThatThrownBy(writer::finish).hasMessageContaining("Every table");

        int header = 4 + 2 + 4 + SnapshotFormat.JSON.writeValueAsBytes(SCHEMA).length + 2;
        // The first record begins part 1 of 3 of table 0: 'B' i32 index u16 part u16 parts.
        byte[] twice = splitStream();
        assertThat(twice[header]).isEqualTo((byte) 'B');
        // The third record begins part 0 of table 0; made to name part 1, that part begins twice.
        int third = indexOf(twice, new byte[] {'B', 0, 0, 0, 0, 0, 0, 0, 3}, header + 1);
        twice[third + 6] = 1;
        assertThatThrownBy(() -> readParts(twice)).isInstanceOfSatisfying(RunbookException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY)).hasMessageContaining("begins twice");
        byte[] counts = splitStream();
        counts[third + 8] = 4;
        assertThatThrownBy(() -> readParts(counts)).hasMessageContaining("in 3 parts and in 4");
        byte[] beyond = splitStream();
        beyond[header + 8] = 1;
        assertThatThrownBy(() -> readParts(beyond)).hasMessageContaining("begins part 1 of 1");
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
        for (int i = from; i <= bytes.length - what.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + what.length), what)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
