package io.jenkins.plugins.dbrunbooks.engine.process;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory only this user can enter, for what tools must read from a file (a password file, a client
 * option file, a restore's working copy). Closing it deletes everything in it.
 */
public final class PrivateFiles implements AutoCloseable {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    private PrivateFiles(Path directory) {
        this.directory = directory;
    }

    public static PrivateFiles create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            Path dir = POSIX
                    ? Files.createTempDirectory(parent, prefix,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(parent, prefix);
            return new PrivateFiles(dir);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE,
                    "Could not create a private working directory under '" + parent + "': " + e.getMessage(),
                    null, e);
        }
    }

    public static PrivateFiles inTemp(String prefix) {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code content} to a new file readable and writable by this user alone. */
    public Path write(String name, String content) {
        Path file = directory.resolve(name);
        try {
            if (POSIX) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Could not write a private file: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the directory is private to this user either way.
        }
    }
}
