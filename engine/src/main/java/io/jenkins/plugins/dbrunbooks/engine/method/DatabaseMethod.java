package io.jenkins.plugins.dbrunbooks.engine.method;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One way of backing up and restoring one kind of database. Implementations are stateless; each call gets its
 * context. The stream a method writes is its own format; the artifact layers (zstd, age, checksum) are added
 * around it by the caller.
 */
public interface DatabaseMethod {

    /** The database kind, as recorded in manifests: {@code postgresql}, {@code mariadb}, {@code h2}... */
    String engine();

    /** The method name, as configured and recorded: {@code native}, {@code jdbc}. */
    String name();

    boolean serves(String jdbcUrl);

    /** The payload file extension before the layers' own, e.g. {@code .dump}. */
    String payloadExtension();

    /** Whether the stream is compressed already, so the zstd layer is skipped. */
    /**
     * The command that loads this method's stream from standard input with the engine's own tool, for restoring by
     * hand; empty where no standard tool reads it.
     */
    default Optional<String> manualLoad() {
        return Optional.empty();
    }

    default boolean compressesItself() {
        return false;
    }

    Capabilities capabilities();

    /** Whether this machine can run the method at all (its tools are there), without connecting. */
    default Optional<String> unavailableReason(MethodContext context) {
        return Optional.empty();
    }

    /**
     * What a backup of the context's database by this method would leave out or change, read from the database
     * before anything is written, so a backup that could not be restored whole is refused up front.
     */
    default Coverage coverage(MethodContext context) {
        return Coverage.FULL;
    }

    /** Writes a consistent backup of the context's database to {@code out}. */
    BackupReceipt backup(MethodContext context, OutputStream out);

    /**
     * Loads the payload into the context's database, which exists and is empty or is to be overwritten. Methods
     * with {@link Capabilities#stagesPayload()} call {@link RestoreSource#requireIntact()} before they change it.
     */
    void restore(MethodContext context, RestoreSource source, RestoreOptions options);

    /**
     * Refuses, before the target is touched, a payload the context's login could not load whole; {@code payload}
     * opens the decoded payload for a pass of its own. Nothing to check by default.
     */
    default void checkLoadable(MethodContext context, Supplier<InputStream> payload) {
    }

    /**
     * Writes the decoded payload into the private working file that a method with
     * {@link Capabilities#stagesPayload()} loads from, in the pass that also checks it, and returns what is left to
     * do to the file once it is closed. A method whose tool would otherwise read the whole file once more (for an
     * index, for offsets) finds what it needs here on the way. A plain copy by default.
     */
    default StagedFile stage(InputStream payload, OutputStream file) throws IOException {
        StreamCopy.copy(payload, file);
        return written -> { };
    }

    /** What is left to do to a staged working file once it is written whole and closed. */
    @FunctionalInterface
    interface StagedFile {
        void complete(Path written) throws IOException;
    }

    /** Lists a payload with the database's own tool; returns the number of entries it found. */
    default long list(MethodContext context, InputStream in) {
        throw new UnsupportedOperationException(engine() + " " + name() + " has no native listing");
    }

    /** Creates, drops and renames databases of the context's server. */
    DatabaseAdmin admin(MethodContext context);
}
