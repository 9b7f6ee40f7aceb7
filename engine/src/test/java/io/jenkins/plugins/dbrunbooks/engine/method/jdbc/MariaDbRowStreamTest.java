package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.RowEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rows' LOAD DATA text, handed to the driver in reads it fills whole, as the driver sends each as a packet. */
public class MariaDbRowStreamTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldFillEveryReadButTheLastWithTheRowsInOrder() throws Exception {
        List<ColumnDef> columns = List.of(column("id", Kind.INTEGER), column("note", Kind.VARCHAR));
        TableDef table = new TableDef("db", "t", columns, null, null, null, null, null, null);
        Random random = new Random(3);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            String note = "n".repeat(random.nextInt(300)) + (i % 3 == 0 ? "\t\\" : "");
            RowEncoding.write(new DataOutputStream(data), columns, new Object[] {i, note});
            expected.append(i).append('\t').append(note.replace("\\", "\\\\").replace("\t", "\\t")).append('\n');
        }
        SnapshotReader reader = SnapshotReader.forTable(new ByteArrayInputStream(data.toByteArray()), () -> rows,
                table, TableEncoding.rows(), tmp.getRoot().toPath(), 1 << 20);
        MariaDbBulkLoader.RowStream stream = new MariaDbBulkLoader.RowStream(reader, columns, new boolean[2],
                new boolean[2], new JdbcValues.FloatBound[2], null);

        byte[] buffer = new byte[1 << 16];
        List<Integer> reads = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int n;
        while ((n = stream.read(buffer, 0, buffer.length)) != -1) {
            reads.add(n);
            text.write(buffer, 0, n);
        }

        assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(reads.subList(0, reads.size() - 1)).as("every read but the last is full")
                .allMatch(r -> r == buffer.length);
        assertThat(reads.size()).isGreaterThan(20);
        assertThat(stream.rows()).isEqualTo(rows);
        assertThat(stream.sentAll()).isTrue();
    }

    private static ColumnDef column(String name, Kind kind) {
        return new ColumnDef(name, PortableType.of(kind, null), true, null, false, null, null, false, false);
    }
}
