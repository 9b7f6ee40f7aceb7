package io.jenkins.plugins.dbrunbooks.engine.store;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups in a directory tree {@code <root>/<environment>/<database>/<id>.<ext>}, readable by the owner alone:
 * directories {@code 0700}, files {@code 0600}. Writes go to a hidden {@code .partial} name, are synced, and are
 * renamed into place payload first and manifest last; a backup exists once its manifest does. Every file it
 * reads is a regular file inside the root, through symbolic links too, so a manifest or a link cannot make it read
 * elsewhere.
 */
public final class LocalDirectoryStore implements BackupStore {
    static final String MANIFEST_SUFFIX = ".manifest.json";
    static final String PARTIAL_SUFFIX = ".partial";
    /** Beside a database's backups while a restore into it has not finished; never a manifest or a partial. */
    static final String RESTORE_MARKER = "restore-incomplete.properties";
    /** A note's kind: lower-case letters, so {@code <id>.<kind>} is never a manifest's or a partial's name. */
    private static final java.util.regex.Pattern NOTE_KIND = java.util.regex.Pattern.compile("[a-z]{1,20}");
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    private static final Pattern PARTIAL_WRITER = Pattern.compile("\\.(\\d+)\\.partial$");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    public LocalDirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The directory holding {@code file}, as a store of its own: where a backup found on a disk is inspected, with
     * no configuration and no environment layout around it.
     */
    public static LocalDirectoryStore around(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new RunbookException(ErrorKind.USAGE, "'" + file + "' is not a backup file",
                    "Give a backup's .manifest.json file or its payload.");
        }
        return new LocalDirectoryStore(parent);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** The directory of one database's backups; names were validated, and are checked again here. */
    public Path directory(String environment, String database) {
        Path dir = root.resolve(Names.requireName("Environment", environment))
                .resolve(Names.requireName("Database", database)).normalize();
        if (!dir.startsWith(root)) {
            throw new IllegalArgumentException("Backup directory escapes the store root");
        }
        return dir;
    }

    @Override
    public PendingBackup create(String environment, String database, String id, String payloadSuffix) {
        if (!BackupId.isValid(id) || !payloadSuffix.matches("(\\.[a-z0-9]+)+")) {
            throw new IllegalArgumentException("Invalid backup id or suffix");
        }
        Path dir = directory(environment, database);
        List<Path> created = createPrivateDirectories(dir);
        removeAbandonedPartials(dir);
        return new LocalPending(dir, id, id + payloadSuffix, created);
    }

    @Override
    public BackupListing scan(String environment, String database) {
        Path dir = directory(environment, database);
        if (!Files.isDirectory(dir)) {
            return new BackupListing(List.of(), List.of());
        }
        List<StoredBackup> backups = new ArrayList<>();
        List<UnreadableBackup> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path manifestFile : files.filter(LocalDirectoryStore::isManifest).toList()) {
                try {
                    backups.add(readBackup(dir, manifestFile, environment, database));
                } catch (RunbookException e) {
                    unreadable.add(new UnreadableBackup(idOf(manifestFile), manifestFile.toString(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot list backups in '" + dir + "': " + e.getMessage(),
                    null, e);
        }
        backups.sort(Comparator.comparing(StoredBackup::id).reversed());
        unreadable.sort(Comparator.comparing(UnreadableBackup::id).reversed());
        return new BackupListing(backups, unreadable);
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(MANIFEST_SUFFIX) && !name.startsWith(".") && BackupId.isValid(idOf(file));
    }

    private static String idOf(Path manifestFile) {
        String name = manifestFile.getFileName().toString();
        return name.substring(0, name.length() - MANIFEST_SUFFIX.length());
    }

    /** The backup a manifest describes, or why it cannot be taken as one. */
    private StoredBackup readBackup(Path dir, Path manifestFile, String environment, String database) {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(readable(manifestFile))) {
            manifest = ManifestCodec.read(in, manifestFile.getFileName().toString());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "'" + manifestFile.getFileName() + "' cannot be read: "
                    + e.getMessage(), null, e);
        }
        if (!idOf(manifestFile).equals(manifest.id())) {
            throw new RunbookException(ErrorKind.INTEGRITY, "'" + manifestFile.getFileName() + "' describes backup '"
                    + manifest.id() + "', not the one its name says");
        }
        if (!environment.equals(manifest.environment()) || !database.equals(manifest.database())) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' belongs to '"
                    + manifest.environment() + "/" + manifest.database() + "', not to the directory it is in");
        }
        String file = manifest.payload() == null ? null : manifest.payload().file();
        Path payload = file == null ? null : dir.resolve(file).normalize();
        if (payload == null || !dir.equals(payload.getParent())) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' names a payload outside"
                    + " its directory: '" + file + "'");
        }
        if (!Files.exists(payload, LinkOption.NOFOLLOW_LINKS)) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Backup '" + manifest.id() + "' has no payload '" + file
                    + "'");
        }
        try {
            readable(payload);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Backup '" + manifest.id() + "' payload cannot be read: "
                    + e.getMessage(), null, e);
        }
        return new StoredBackup(manifest, payload.toString(), manifestFile.toString());
    }

    @Override
    public StoredBackup openLoose(String location) {
        Path manifestFile = manifestFor(inside(Path.of(location)));
        Manifest manifest;
        try (InputStream in = Files.newInputStream(readable(manifestFile))) {
            manifest = ManifestCodec.read(in, manifestFile.toString());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Cannot read '" + manifestFile + "': "
                    + e.getClass().getSimpleName(), "Give a backup's .manifest.json file or its payload.", e);
        }
        Path payload = manifestFile.resolveSibling(manifest.payload().file()).normalize();
        if (!manifestFile.getParent().equals(payload.getParent())) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' names a payload outside"
                    + " its directory: '" + manifest.payload().file() + "'",
                    "Check where the manifest '" + manifestFile + "' came from; a backup's payload lies beside it.");
        }
        // The payload is checked when it is opened: a manifest alone is enough to show what a backup holds.
        return new StoredBackup(manifest, payload.toString(), manifestFile.toString());
    }

    /** A location given relative to the root, or absolute, that stays inside the root as written. */
    private Path inside(Path location) {
        Path file = root.resolve(location).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new RunbookException(ErrorKind.USAGE, "'" + location + "' is not inside the backup store '"
                    + root + "'", "Give a backup file in that directory.");
        }
        return file;
    }

    /** The manifest of a backup file: the file itself, or the manifest beside a payload. */
    private static Path manifestFor(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(MANIFEST_SUFFIX)) {
            return file;
        }
        int dash = name.indexOf('-');
        int dot = name.indexOf('.', Math.max(dash, 0));
        if (dash > 0 && dot > dash) {
            return file.resolveSibling(name.substring(0, dot) + MANIFEST_SUFFIX);
        }
        throw new RunbookException(ErrorKind.USAGE, "'" + file + "' is not a backup file",
                "Give a file named like 20261124T235512123Z-9f3c" + MANIFEST_SUFFIX + " or its payload.");
    }

    /**
     * The file to open for one the store named: a regular file whose real path, after every symbolic link, is
     * still inside the root.
     */
    private Path readable(Path file) throws IOException {
        Path real = file.toRealPath();
        if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new RunbookException(ErrorKind.STORAGE, "'" + file + "' is not a regular file inside the backup"
                    + " store '" + root + "'", "Remove the link or special file and give the backup's own files.");
        }
        return real;
    }

    @Override
    public InputStream openPayload(StoredBackup backup) {
        try {
            return Files.newInputStream(readable(Path.of(backup.payloadLocation())));
        } catch (NoSuchFileException e) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Backup '" + backup.id() + "' has no payload at '"
                    + backup.payloadLocation() + "'", null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read backup '" + backup.id() + "': "
                    + e.getMessage(), null, e);
        }
    }

    @Override
    public void delete(StoredBackup backup) {
        try {
            // Manifest first: a half-deleted backup must not list as complete.
            Files.deleteIfExists(Path.of(backup.manifestLocation()));
            Files.deleteIfExists(Path.of(backup.payloadLocation()));
            Path dir = Path.of(backup.manifestLocation()).getParent();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path note : files.filter(f -> isNoteOf(backup, f)).toList()) {
                    Files.deleteIfExists(note);
                }
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot delete backup '" + backup.id() + "': "
                    + e.getMessage(), null, e);
        }
    }

    @Override
    public void writeRestoreMarker(String environment, String database, byte[] content) {
        Path dir = directory(environment, database);
        createPrivateDirectories(dir);
        try {
            writeAtomically(dir, RESTORE_MARKER, content);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot note the restore of '" + environment + "/"
                    + database + "' in '" + dir + "': " + e.getMessage(),
                    "The restore touches nothing until it can; make the directory writable.", e);
        }
    }

    /** Replaces {@code name} in {@code dir} with {@code content} whole, or leaves it as it was. */
    private static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
        Path partial = dir.resolve("." + name + PARTIAL_SUFFIX);
        Files.deleteIfExists(partial);
        try (FileChannel out = FileChannel.open(partial,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes())) {
            out.write(java.nio.ByteBuffer.wrap(content));
            out.force(true);
        }
        moveIntoPlace(partial, dir.resolve(name));
        syncDirectory(dir);
    }

    @Override
    public void writeNote(StoredBackup backup, String kind, byte[] content) {
        Path file = noteFile(backup, kind);
        try {
            writeAtomically(file.getParent(), file.getFileName().toString(), content);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot write '" + file + "': " + e.getMessage(), null, e);
        }
    }

    @Override
    public java.util.Optional<byte[]> readNote(StoredBackup backup, String kind) {
        Path file = noteFile(backup, kind);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Files.readAllBytes(readable(file)));
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read '" + file + "': " + e.getMessage(), null, e);
        }
    }

    private static boolean isNoteOf(StoredBackup backup, Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(backup.id() + ".")
                && NOTE_KIND.matcher(name.substring(backup.id().length() + 1)).matches();
    }

    /** {@code <id>.<kind>} beside the manifest: never a manifest's name, so never listed as a backup. */
    private Path noteFile(StoredBackup backup, String kind) {
        if (!NOTE_KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("Not a note kind: " + kind);
        }
        return inside(Path.of(backup.manifestLocation())).resolveSibling(backup.id() + "." + kind);
    }

    @Override
    public java.util.Optional<byte[]> readRestoreMarker(String environment, String database) {
        Path marker = directory(environment, database).resolve(RESTORE_MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Files.readAllBytes(readable(marker)));
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read '" + marker + "': " + e.getMessage(), null, e);
        }
    }

    @Override
    public void clearRestoreMarker(String environment, String database) {
        Path dir = directory(environment, database);
        try {
            Files.deleteIfExists(dir.resolve(RESTORE_MARKER));
            syncDirectory(dir);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot remove '" + dir.resolve(RESTORE_MARKER) + "': "
                    + e.getMessage(), "Remove it by hand: the restore of '" + environment + "/" + database
                            + "' finished.", e);
        }
    }

    @Override
    public List<String> removeAbandoned(String environment, String database) {
        Path dir = directory(environment, database);
        return Files.isDirectory(dir) ? removeAbandonedPartials(dir) : List.of();
    }

    /**
     * A process killed while writing leaves a hidden {@code .partial} file that never lists as a backup. Its name
     * carries the writer's process id: once that process is gone, the file goes. A file named before the id was
     * part of the name goes once nobody has written to it for a day (a running backup writes continuously).
     */
    private static List<String> removeAbandonedPartials(Path dir) {
        FileTime cutoff = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(".")
                    && f.getFileName().toString().endsWith(PARTIAL_SUFFIX)).toList()) {
                Matcher writer = PARTIAL_WRITER.matcher(file.getFileName().toString());
                boolean abandoned = writer.find() ? PrivateFiles.makerGone(Long.parseLong(writer.group(1)), file)
                        : Files.getLastModifiedTime(file).compareTo(cutoff) < 0;
                if (abandoned && Files.deleteIfExists(file)) {
                    removed.add(file.toString());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Leftovers only take space; a backup must not fail over them.
        }
        return removed;
    }

    /** The part of a partial file's name after its final name: {@code .<process id>.partial}. */
    private static String partialSuffix() {
        return "." + ProcessHandle.current().pid() + PARTIAL_SUFFIX;
    }

    /** Creates {@code dir} and its missing parents privately; returns those it created, outermost first. */
    private List<Path> createPrivateDirectories(Path dir) {
        try {
            List<Path> missing = new ArrayList<>();
            for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
                missing.add(0, p);
            }
            for (Path p : missing) {
                if (POSIX) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIR_MODE));
                    Files.setPosixFilePermissions(p, DIR_MODE);
                } else {
                    Files.createDirectory(p);
                }
            }
            if (POSIX) {
                // The levels that hold backups stay private even if someone created them otherwise.
                Files.setPosixFilePermissions(dir, DIR_MODE);
                Files.setPosixFilePermissions(dir.getParent(), DIR_MODE);
            }
            return missing;
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot create backup directory '" + dir + "': "
                    + e.getMessage(), null, e);
        }
    }

    private static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the renames are still ordered.
        }
    }

    private static final class LocalPending implements PendingBackup {
        private final Path dir;
        private final String id;
        private final String payloadName;
        private final Path partialPayload;
        private final Path partialManifest;
        private final FileChannel channel;
        private final OutputStream payload;
        private final List<Path> createdDirectories;
        private boolean committed;

        LocalPending(Path dir, String id, String payloadName, List<Path> createdDirectories) {
            this.dir = dir;
            this.createdDirectories = createdDirectories;
            this.id = id;
            this.payloadName = payloadName;
            this.partialPayload = dir.resolve("." + payloadName + partialSuffix());
            this.partialManifest = dir.resolve("." + id + MANIFEST_SUFFIX + partialSuffix());
            try {
                this.channel = FileChannel.open(partialPayload,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes());
            } catch (IOException e) {
                throw new RunbookException(ErrorKind.STORAGE, "Cannot create a backup file in '" + dir + "': "
                        + e.getMessage(), null, e);
            }
            this.payload = new SyncingOutputStream(channel);
        }

        @Override
        public OutputStream payload() {
            return payload;
        }

        @Override
        public String payloadName() {
            return payloadName;
        }

        @Override
        public StoredBackup commit(Manifest manifest) {
            Path finalPayload = dir.resolve(payloadName);
            Path finalManifest = dir.resolve(id + MANIFEST_SUFFIX);
            try {
                payload.close();
                try (FileChannel out = FileChannel.open(partialManifest,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes())) {
                    out.write(java.nio.ByteBuffer.wrap(ManifestCodec.write(manifest)));
                    out.force(true);
                }
                moveIntoPlace(partialPayload, finalPayload);
                syncDirectory(dir);
                moveIntoPlace(partialManifest, finalManifest);
                syncDirectory(dir);
                committed = true;
                return new StoredBackup(manifest, finalPayload.toString(), finalManifest.toString());
            } catch (IOException e) {
                throw new RunbookException(ErrorKind.STORAGE, "Cannot store backup '" + id + "' in '" + dir + "': "
                        + e.getMessage(), null, e);
            }
        }

        @Override
        public void close() {
            if (committed) {
                return;
            }
            try {
                payload.close();
            } catch (IOException e) {
                // Being removed anyway.
            }
            try {
                Files.deleteIfExists(partialManifest);
                Files.deleteIfExists(partialPayload);
                Files.deleteIfExists(dir.resolve(id + MANIFEST_SUFFIX));
                Files.deleteIfExists(dir.resolve(payloadName));
            } catch (IOException e) {
                // Nothing without a manifest lists as a backup; what is left is only a hidden partial file.
            }
            removeEmpty(createdDirectories);
        }

        /**
         * A first backup that failed leaves no empty directories behind to suggest there is something there.
         * Only directories this backup created go, innermost first, and only while empty: another backup writing
         * into one keeps it.
         */
        private static void removeEmpty(List<Path> created) {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.delete(created.get(i));
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    /** Writes to a channel and syncs it to disk on close, once. */
    private static final class SyncingOutputStream extends OutputStream {
        private final FileChannel channel;
        private final OutputStream out;
        private boolean closed;

        SyncingOutputStream(FileChannel channel) {
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    channel.force(true);
                } finally {
                    channel.close();
                }
            }
        }
    }
}
