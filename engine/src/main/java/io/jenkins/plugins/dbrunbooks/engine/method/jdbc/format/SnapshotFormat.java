package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/** The constants of the jdbc method's snapshot format, as docs/format.md specifies them. */
final class SnapshotFormat {
    static final byte[] MAGIC = "DBRJ".getBytes(StandardCharsets.US_ASCII);
    /**
     * The newest version this code reads. Version 1 is written from one connection (tests only now), 2 from
     * several; 3 is version 2 whose schema holds definitions a version 2 reader would restore differently without a
     * word (a PostgreSQL generated column's expression), so such a reader refuses it instead. 4 is version 3 whose
     * schema holds the source server's own definitions (routines, triggers...), which a version 3 reader would drop.
     * 5 is version 4 whose tables' data may come in several parts, read and loaded at once: its begin, segment and
     * end records name the part too.
     */
    static final int VERSION = 5;
    static final int VERSION_4 = 4;
    static final int VERSION_3 = 3;
    static final int VERSION_1 = 1;
    static final int VERSION_2 = 2;
    static final int TABLE_START = 'T';
    /** Version 2: a table's data begins, with its encoding. */
    static final int TABLE_BEGIN = 'B';
    /** Version 2: a piece of one table's data. */
    static final int SEGMENT = 'S';
    static final int ROW = 'R';
    static final int TABLE_END = 'E';
    static final int STREAM_END = 'Z';
    /** Version 5: the most parts one table's data comes in. */
    static final int MAX_PARTS = 0xffff;
    /** The largest chunk a writer emits; readers accept any positive length up to {@link #MAX_CHUNK}. */
    static final int CHUNK = 64 * 1024;
    static final int MAX_CHUNK = 16 * 1024 * 1024;
    /** The largest segment a version 2 writer emits; readers accept up to {@link #MAX_CHUNK}. */
    static final int SEGMENT_SIZE = 1 << 20;
    /** A DECIMAL whose unscaled length is 0 is one of these special values (version 2). */
    static final int DECIMAL_NAN = 1;
    static final int DECIMAL_POSITIVE_INFINITY = 2;
    static final int DECIMAL_NEGATIVE_INFINITY = 3;
    /** Length-prefixed values beyond this are refused as damage rather than allocated. */
    static final int MAX_INLINE = 256 * 1024 * 1024;

    // Unknown properties are skipped so a version 1 reader can read a schema a later version 1 writer enriched.
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotFormat() {
    }
}
