package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TEXT or BLOB value too large to hold in memory, kept in a private file until it is loaded. Closing deletes
 * the file.
 *
 * @param text whether the bytes are UTF-8 text (TEXT) rather than binary (BLOB)
 * @param length the value's length in bytes
 */
public record SpooledValue(Path file, boolean text, long length) implements AutoCloseable {

    public InputStream openStream() throws IOException {
        return Files.newInputStream(file);
    }

    public Reader openReader() throws IOException {
        return new InputStreamReader(openStream(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
