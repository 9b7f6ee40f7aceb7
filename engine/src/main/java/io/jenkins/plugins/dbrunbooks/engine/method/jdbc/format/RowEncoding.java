package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** The row encoding both snapshot versions share: the marker, the NULL bitmap and the values that are not NULL. */
public final class RowEncoding {
    private RowEncoding() {
    }

    public static void write(DataOutputStream out, List<ColumnDef> columns, Object[] values) throws IOException {
        out.writeByte(SnapshotFormat.ROW);
        byte[] nulls = new byte[(values.length + 7) / 8];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        out.write(nulls);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                ValueCodec.write(out, columns.get(i).type(), values[i]);
            }
        }
    }
}
