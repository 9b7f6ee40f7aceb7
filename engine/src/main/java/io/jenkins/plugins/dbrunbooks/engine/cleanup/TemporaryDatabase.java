package io.jenkins.plugins.dbrunbooks.engine.cleanup;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A database a run creates for a while: the copy a restore loads beside its target, the target's old copy between
 * the swap and its drop, a new database while it is loaded. It is noted in the working directory, in a file named
 * after this process, before it is created, and the note goes once the database is dropped or is the one wanted; a
 * run killed in between leaves the note, and the next operation on that database drops what it names (see
 * {@link Leftovers}).
 */
public final class TemporaryDatabase implements AutoCloseable {
    private static final String PREFIX = "dbrunbooks-db-";
    private static final String SUFFIX = ".properties";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path note;

    private TemporaryDatabase(Path note) {
        this.note = note;
    }

    /** What a killed run's note names. */
    record Left(Path note, String environment, String database, String name) {
    }

    /** Notes that database {@code name} on the server of {@code environment/database} is about to be created. */
    public static TemporaryDatabase note(Path workDir, String environment, String database, String name) {
        try {
            Files.createDirectories(workDir);
            FileAttribute<?>[] privately = POSIX ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
            Path note = Files.createTempFile(workDir, PREFIX + ProcessHandle.current().pid() + "-", SUFFIX, privately);
            Properties p = new Properties();
            p.setProperty("environment", environment);
            p.setProperty("database", database);
            p.setProperty("name", name);
            StringWriter text = new StringWriter();
            p.store(text, "A database this run created; dropped by the next run if this one was killed");
            Files.writeString(note, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            return new TemporaryDatabase(note);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Could not note database '" + name + "' under '" + workDir
                    + "': " + e.getMessage(), "Make the working directory (workDir) writable.", e);
        }
    }

    /** The database is dropped or is the one wanted: nothing to clean up after this run any more. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(note);
        } catch (IOException e) {
            // The next run would try to drop a database that is gone or wanted: it checks the name first.
        }
    }

    /** Removes every note of database {@code name} on the server of {@code environment/database}: it was dropped. */
    public static void forget(Path workDir, String environment, String database, String name) {
        for (Left note : read(workDir, false)) {
            if (note.environment().equals(environment) && note.database().equals(database)
                    && note.name().equals(name)) {
                try {
                    Files.deleteIfExists(note.note());
                } catch (IOException e) {
                    // The next run finds the database gone and removes the note then.
                }
            }
        }
    }

    /** Notes of runs that are gone, in {@code workDir}. */
    static List<Left> left(Path workDir) {
        return read(workDir, true);
    }

    /** Notes in {@code workDir}: those of runs that are gone, or all of them. */
    private static List<Left> read(Path workDir, boolean goneOnly) {
        if (!Files.isDirectory(workDir)) {
            return List.of();
        }
        List<Left> left = new ArrayList<>();
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path note : files.filter(TemporaryDatabase::isNote).toList()) {
                if (!PrivateFiles.mine(note) || goneOnly && !PrivateFiles.ownerGone(note)) {
                    continue;
                }
                try (Reader in = new StringReader(Files.readString(note, StandardCharsets.UTF_8))) {
                    Properties p = new Properties();
                    p.load(in);
                    if (goneOnly && p.getProperty("name", "").isEmpty()) {
                        // Killed while writing the note, so before it created anything: only the note is left.
                        Files.deleteIfExists(note);
                        continue;
                    }
                    left.add(new Left(note, p.getProperty("environment", ""), p.getProperty("database", ""),
                            p.getProperty("name", "")));
                }
            }
        } catch (IOException e) {
            // A note that cannot be read now is read by a later run.
        }
        return left;
    }

    private static boolean isNote(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }
}
