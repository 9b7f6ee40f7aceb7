package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import java.io.InputStream;

/** A restore source over a plain stream, for calling a method directly. */
public record StreamSource(InputStream stream) implements RestoreSource {
    public static StreamSource of(InputStream in) {
        return new StreamSource(in);
    }

    @Override
    public void requireIntact() {
        // A plain stream has no manifest to be checked against.
    }
}
