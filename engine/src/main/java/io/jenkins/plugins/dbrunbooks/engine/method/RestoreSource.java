package io.jenkins.plugins.dbrunbooks.engine.method;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** The payload a restore reads: its decoded stream, and the check that it was read whole and intact. */
public interface RestoreSource {

    InputStream stream();

    /**
     * Reads whatever is left and checks size and checksum against the manifest. A method that stages the payload
     * before loading calls this between the two, so a damaged backup never reaches the database.
     */
    void requireIntact();

    /** The payload's size once decoded, as its manifest gives it; -1 where unknown. */
    default long decodedSize() {
        return -1;
    }

    /** The decoded payload as a private file checked whole, where the caller unpacked it already. */
    default Optional<Path> stagedFile() {
        return Optional.empty();
    }
}
