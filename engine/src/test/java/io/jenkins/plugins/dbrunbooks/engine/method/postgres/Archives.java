package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Custom-format archives for the native restore's tests: made with pg_dump, planned, handed over staged. */
final class Archives {
    private Archives() {
    }

    /** The libpq options of the test server, for pg_dump and pg_restore command lines. */
    static String connection() {
        return "-h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U " + TestServers.PG_USER;
    }

    /**
     * An archive of {@code source} in {@code dir} written to a pipe, as a native backup stores it: without data
     * offsets.
     *
     * @param options pg_dump's options besides the format, such as {@code --compress=0}
     */
    static Path piped(Path dir, TestDatabase source, String options) throws Exception {
        ExternalTools.sh(dir, "pg_dump " + connection() + " --format=custom " + options + " " + source.name()
                + " | cat > archive.dump");
        return dir.resolve("archive.dump");
    }

    /** The split restore of an archive on disk whose offsets are written. */
    static RestorePlan plan(Path archive) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            ArchiveToc toc = ArchiveToc.read(channel, why -> {
                throw new AssertionError(why);
            });
            return RestorePlan.of(toc, Files.size(archive));
        }
    }

    /** A payload that arrives unpacked already, as {@code archive}. */
    static RestoreSource staged(Path archive) {
        return new RestoreSource() {
            @Override
            public InputStream stream() {
                throw new AssertionError("read from the staged file");
            }

            @Override
            public void requireIntact() {
            }

            @Override
            public Optional<Path> stagedFile() {
                return Optional.of(archive);
            }
        };
    }
}
