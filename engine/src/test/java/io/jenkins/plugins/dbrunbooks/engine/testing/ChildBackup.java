package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A jdbc backup of environment {@code qa}, database {@code orders}, in a Java process of its own, so a test can kill
 * it the way an operating system or a stopped agent does.
 */
public final class ChildBackup {
    private ChildBackup() {
    }

    /** The fixture a parent and its child agree on. */
    public static EngineFixture fixture(Path root, String url, DbCredential login) {
        return new EngineFixture(root, login).environment("qa", EngineFixture.database("orders", url,
                MethodChoice.JDBC));
    }

    /** Starts the child; it backs up {@code url} into {@code root} and exits. */
    public static Process start(Path root, String url, String user) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ChildBackup.class.getName(), root.toString(), url, user)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Kills {@code child} (as {@code kill -9} would) once the backup it runs has written {@code bytes} of its payload
     * into {@code dir}; fails if it ends before that.
     */
    public static void killOnceWritten(Process child, Path dir, long bytes) throws InterruptedException {
        try {
            Eventually.until(bytes + " bytes of the backup written", () -> largestFile(dir) >= bytes,
                    () -> child.isAlive() ? null : "the backup ended before it was killed");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    public static void main(String[] args) {
        EngineFixture fixture = fixture(Path.of(args[0]), args[1], DbCredential.of(args[2], null));
        new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    /** The size of the largest file in {@code dir}, growing while a backup writes; 0 if none. */
    public static long largestFile(Path dir) throws IOException {
        long largest = 0;
        for (Path f : files(dir)) {
            try {
                largest = Math.max(largest, Files.size(f));
            } catch (IOException e) {
                // Renamed or removed between the listing and now.
            }
        }
        return largest;
    }

    /** The regular files in {@code dir}; none if it does not exist. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
