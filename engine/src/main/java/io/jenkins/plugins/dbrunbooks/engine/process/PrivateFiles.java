package io.jenkins.plugins.dbrunbooks.engine.process;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory only this user can enter, for what tools must read from a file (a password file, a client
 * option file, a restore's working copy). Closing it deletes everything in it. Its name carries the id of the
 * process that made it, so that when that process was killed before it could close it, the next one to create
 * private files in the same place, or the next operation with the same working directory (see
 * {@code Leftovers}), removes it: secrets and decrypted data do not outlive their run for longer than the next
 * run takes to start.
 */
public final class PrivateFiles implements AutoCloseable {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    private PrivateFiles(Path directory) {
        this.directory = directory;
    }

    public static PrivateFiles create(Path parent, String prefix) {
        return create(parent, prefix, removed -> { });
    }

    /** As {@link #create(Path, String)}; {@code removedLeftover} hears of each leftover of a killed run removed. */
    public static PrivateFiles create(Path parent, String prefix, Consumer<Path> removedLeftover) {
        try {
            Files.createDirectories(parent);
            sweepLeftovers(parent, removedLeftover);
            String tagged = TAG + prefix + ProcessHandle.current().pid() + "-";
            Path dir = POSIX
                    ? Files.createTempDirectory(parent, tagged,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(parent, tagged);
            return new PrivateFiles(dir);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE,
                    "Could not create a private working directory under '" + parent + "': " + e.getMessage(),
                    null, e);
        }
    }

    /**
     * Refuses, before anything is written, when {@code needed} bytes of working files cannot fit in {@code directory};
     * says nothing where its free space is unknown, so that writing itself reports a full disk.
     */
    public static void requireSpace(Path directory, long needed) {
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            if (needed > usable) {
                throw new RunbookException(ErrorKind.STORAGE, "The restore needs " + Bytes.human(needed)
                        + " of local space in '" + directory + "' to unpack the backup; " + Bytes.human(usable)
                        + " is free", "Free space there or give another working directory (workDir).");
            }
        } catch (IOException e) {
            // Unknown free space.
        }
    }

    public static PrivateFiles inTemp(String prefix) {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** {@code dbrunbooks-<prefix><pid>-<random>}, as created above; the prefix is a word and a dash. */
    private static final String TAG = "dbrunbooks-";
    private static final Pattern TAGGED = Pattern.compile(TAG + "[a-z0-9]+-(\\d+)-\\d+(\\.[a-z]+)?");

    /**
     * Removes the private directories of processes that are gone. A live process's directory stays: a run going on
     * beside this one, in this JVM or another, keeps its files.
     */
    public static void sweepLeftovers(Path parent, Consumer<Path> removed) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path dir : entries.toList()) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !ownerGone(dir)) {
                    continue;
                }
                new PrivateFiles(dir).close();
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    removed.accept(dir);
                }
            }
        } catch (IOException e) {
            // Leftovers are private to this user; a run must not fail over them.
        }
    }

    /**
     * Whether {@code path} is named like this class names what it makes ({@code dbrunbooks-<word>-<pid>-<random>},
     * a file may add an extension) and the process that made it is gone. A process id taken again by a process
     * that started after {@code path} was last changed is not its maker.
     */
    public static boolean ownerGone(Path path) {
        Matcher m = TAGGED.matcher(path.getFileName().toString());
        if (!m.matches() || !mine(path)) {
            return false;
        }
        try {
            return makerGone(Long.parseLong(m.group(1)), path);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether {@code path} belongs to this process's user and nobody else may write to it. The working directory may
     * be shared (the system's temporary directory): what another user put there is never read, acted on or
     * removed, so nobody can plant a note that makes a run drop a database.
     */
    public static boolean mine(Path path) {
        try {
            if (!Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(Me.USER)) {
                return false;
            }
            if (POSIX) {
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                return !modes.contains(PosixFilePermission.GROUP_WRITE)
                        && !modes.contains(PosixFilePermission.OTHERS_WRITE);
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** This process's user, as the file system records the owner of what it creates. */
    private static final class Me {
        static final UserPrincipal USER = find();

        private static UserPrincipal find() {
            try {
                Path probe = Files.createTempFile("dbrunbooks-owner-", ".tmp");
                try {
                    return Files.getOwner(probe);
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }
    }

    /** Whether process {@code pid}, which made {@code path}, is gone (see {@link #ownerGone}). */
    public static boolean makerGone(long pid, Path path) {
        try {
            Instant changed = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
            Optional<ProcessHandle> maker = ProcessHandle.of(pid);
            if (maker.isEmpty() || !maker.get().isAlive()) {
                return true;
            }
            // Start times are known to the second or so; a maker started at most that long after the change.
            return maker.get().info().startInstant()
                    .map(started -> started.isAfter(changed.plusSeconds(2))).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens a new file readable and writable by this user alone, for data such as a decrypted payload. */
    public OutputStream newFile(String name) throws IOException {
        Path file = directory.resolve(name);
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
