package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/** The constants of the jdbc method's snapshot format, as docs/format.md specifies them. */
final class SnapshotFormat {
    static final byte[] MAGIC = "DBRJ".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int TABLE_START = 'T';
    static final int ROW = 'R';
    static final int TABLE_END = 'E';
    static final int STREAM_END = 'Z';
    /** The largest chunk a writer emits; readers accept any positive length up to {@link #MAX_CHUNK}. */
    static final int CHUNK = 64 * 1024;
    static final int MAX_CHUNK = 16 * 1024 * 1024;
    /** Length-prefixed values beyond this are refused as damage rather than allocated. */
    static final int MAX_INLINE = 256 * 1024 * 1024;

    // Unknown properties are skipped so a version 1 reader can read a schema a later version 1 writer enriched.
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotFormat() {
    }
}
