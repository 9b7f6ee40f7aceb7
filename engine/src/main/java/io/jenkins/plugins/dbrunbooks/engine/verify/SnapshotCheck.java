package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A jdbc snapshot read to its end marker: its schema, every table it announces, and the source engine against the
 * manifest's. Version 1 snapshots are read row by row; version 2 ones segment by segment, checking their framing.
 */
final class SnapshotCheck implements StructureCheck {
    private final String engine;
    private final Path workDir;

    SnapshotCheck(String engine, Path workDir) {
        this.engine = engine;
        this.workDir = workDir;
    }

    @Override
    public String check(InputStream raw) throws IOException {
        // Private, and named so that a killed run's spooled values (decrypted data) go with the next run.
        Path spool = PrivateFiles.create(workDir, "spool-").directory();
        try {
            SnapshotReader reader = SnapshotReader.open(raw, spool);
            SchemaSnapshot schema = reader.schema();
            if (!engine.equals(schema.sourceEngine())) {
                throw new RunbookException(ErrorKind.INTEGRITY, "The jdbc snapshot was taken from "
                        + schema.sourceEngine() + "; its manifest says " + engine);
            }
            long rows = readAll(reader);
            if (!reader.ended()) {
                throw new RunbookException(ErrorKind.INTEGRITY, "The jdbc snapshot ends early, without its end"
                        + " marker (the payload is truncated)");
            }
            return "jdbc snapshot (format " + reader.version() + ") from " + schema.sourceEngine() + ": "
                    + schema.tables().size() + " table(s)" + (rows >= 0 ? ", " + rows + " row(s)" : "")
                    + ", read to its end marker";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while reading the jdbc snapshot");
        } finally {
            deleteTree(spool);
        }
    }

    /** Rows read, or -1 where the format is checked by its framing alone. */
    private static long readAll(SnapshotReader reader) throws InterruptedException {
        if (reader.version() >= 2) {
            reader.readData(new SnapshotReader.DataVisitor() {
                @Override
                public void begin(int index, TableDef table, TableEncoding encoding) {
                }

                @Override
                public void segment(int index, byte[] data) {
                }

                @Override
                public void end(int index, long rows) {
                }

                @Override
                public void begin(int index, int part, int parts, TableDef table, TableEncoding encoding) {
                }

                @Override
                public void segment(int index, int part, byte[] data) {
                }

                @Override
                public void end(int index, int part, long rows) {
                }
            });
            return -1;
        }
        long rows = 0;
        while (reader.nextTable() != null) {
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                rows++;
                for (Object value : row) {
                    if (value instanceof AutoCloseable spooled) {
                        closeQuietly(spooled);
                    }
                }
            }
        }
        return rows;
    }

    private static void closeQuietly(AutoCloseable spooled) {
        try {
            spooled.close();
        } catch (Exception e) {
            // Its file goes with the spool directory.
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Only spooled values of a check that is over; the work directory is private.
        }
    }
}
