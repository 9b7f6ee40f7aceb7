package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The row encoding both snapshot versions share: the marker, the NULL bitmap and the values that are not NULL. An
 * instance writes the rows of one table, each column's values with the writer of its kind, chosen once.
 */
public final class RowEncoding {
    private final ValueCodec.ValueWriter[] writers;

    public RowEncoding(List<ColumnDef> columns) {
        writers = columns.stream().map(c -> ValueCodec.writer(c.type())).toArray(ValueCodec.ValueWriter[]::new);
    }

    public static void write(DataOutput out, List<ColumnDef> columns, Object[] values) throws IOException {
        new RowEncoding(columns).write(out, values);
    }

    /** One row, its values in the order of the table's columns. */
    public void write(DataOutput out, Object[] values) throws IOException {
        out.writeByte(SnapshotFormat.ROW);
        for (int start = 0; start < values.length; start += 8) {
            int nulls = 0;
            for (int i = start; i < Math.min(start + 8, values.length); i++) {
                if (values[i] == null) {
                    nulls |= 1 << (i - start);
                }
            }
            out.writeByte(nulls);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                writers[i].write(out, values[i]);
            }
        }
    }
}
