package io.jenkins.plugins.dbrunbooks.engine.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A restore that began to replace a database in place and has not finished: the database may hold part of the
 * backup, part of what it held before, or nothing. It is noted in the target's store before the database is
 * touched, as a file beside its backups rather than in the database, so that a killed process leaves it behind,
 * the emptying of the database cannot remove it, and {@code list}, {@code backup}, {@code verify} and
 * {@code restore} see it without a connection. The next finished restore into the database clears it.
 *
 * @param safetyBackupId the backup of what the database held before, to restore from; null when none was taken
 */
public record IncompleteRestore(String backupId, String safetyBackupId, Instant started, String actor,
        String build) {

    public static Optional<IncompleteRestore> of(BackupStore store, String environment, String database) {
        return store.readRestoreMarker(environment, database).map(IncompleteRestore::decode);
    }

    public byte[] encode() {
        Properties p = new Properties();
        p.setProperty("backup", backupId);
        p.setProperty("started", started.toString());
        put(p, "safetyBackup", safetyBackupId);
        put(p, "actor", actor);
        put(p, "build", build);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.store(out, "A restore into this database began and has not finished");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static IncompleteRestore decode(byte[] content) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            // A damaged note still says that the database is not to be trusted.
            return new IncompleteRestore("unknown", null, null, null, null);
        }
        Instant started;
        try {
            started = Instant.parse(p.getProperty("started", ""));
        } catch (DateTimeParseException e) {
            started = null;
        }
        return new IncompleteRestore(p.getProperty("backup", "unknown"), p.getProperty("safetyBackup"), started,
                p.getProperty("actor"), p.getProperty("build"));
    }

    /** What the next command says of the database. */
    public String describe(String environment, String database) {
        StringBuilder text = new StringBuilder("'").append(environment).append('/').append(database)
                .append("' may be half-restored: the restore of backup ").append(backupId);
        if (started != null) {
            text.append(" started at ").append(started);
        }
        if (actor != null) {
            text.append(" by ").append(actor);
        }
        if (build != null) {
            text.append(" (").append(build).append(')');
        }
        text.append(" did not finish. Restore a backup into it again");
        if (safetyBackupId != null) {
            text.append(", e.g. safety backup ").append(safetyBackupId).append(" to get back what it held before");
        }
        return text.append('.').toString();
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
