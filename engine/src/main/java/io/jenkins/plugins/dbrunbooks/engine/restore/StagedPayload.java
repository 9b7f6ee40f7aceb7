package io.jenkins.plugins.dbrunbooks.engine.restore;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The decoded payload unpacked into a private file, for methods whose tool needs a seekable file. Unpacking
 * starts at once on a thread of its own, so it overlaps with preparing the target database; size, raw size and
 * checksum are checked as it goes, the method writes the file its own way on the way (see
 * {@link DatabaseMethod#stage}), and the file is handed out only once the whole payload proved intact.
 */
final class StagedPayload implements RestorePayload {
    private final PrivateFiles files;
    private final CompletableFuture<Path> staged = new CompletableFuture<>();
    private final JobRunner worker;

    private StagedPayload(PrivateFiles files, JobRunner worker) {
        this.files = files;
        this.worker = worker;
    }

    static StagedPayload start(DatabaseMethod method, BackupStore store, StoredBackup backup, List<RecipientStanzaReader> identities,
            Path workDir, ProgressListener listener) {
        // Refused before unpacking, and so before the target is touched, when the working file cannot fit.
        PrivateFiles.requireSpace(workDir, backup.manifest().rawSize());
        PrivateFiles files = PrivateFiles.create(workDir, "restore-",
                leftover -> listener.message("Removed '" + leftover + "', left behind by a run that was killed"));
        Path target = files.directory().resolve("payload");
        StagedPayload payload = new StagedPayload(files, new JobRunner("unpack " + backup.id(), 1));
        listener.message("Unpacking backup " + backup.id() + " into a private working file in '" + workDir
                + "': its tool needs a file it can seek in, which takes " + Bytes.human(backup.manifest().rawSize())
                + " of local space until the restore ends");
        payload.worker.submit(() -> payload.unpack(method, store, backup, identities, target, listener));
        return payload;
    }

    private void unpack(DatabaseMethod method, BackupStore store, StoredBackup backup,
            List<RecipientStanzaReader> identities, Path target, ProgressListener listener) {
        Manifest manifest = backup.manifest();
        ProgressMeter meter = new ProgressMeter(listener, "unpack", manifest.payload().size());
        try (PayloadReader reader = store.readPayload(backup, identities, meter)) {
            DatabaseMethod.StagedFile written;
            try (OutputStream out = files.newFile(target.getFileName().toString())) {
                written = method.stage(reader.stream(), out);
            }
            reader.finish();
            written.complete(target);
            meter.finish();
            staged.complete(target);
        } catch (IOException e) {
            staged.completeExceptionally(new RunbookException(ErrorKind.STORAGE, "Cannot unpack backup '"
                    + backup.id() + "' into '" + files.directory() + "': " + e.getMessage(), null, e));
        } catch (RuntimeException | Error e) {
            staged.completeExceptionally(e);
        }
    }

    private Path file() {
        try {
            return staged.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while unpacking the backup");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Optional<Path> stagedFile() {
        return Optional.of(file());
    }

    @Override
    public InputStream stream() {
        try {
            return Files.newInputStream(file());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read the unpacked backup: " + e.getMessage(), null,
                    e);
        }
    }

    @Override
    public void requireIntact() {
        file();
    }

    @Override
    public void close() {
        worker.cancel();
        worker.joinUninterruptibly();
        files.close();
    }
}
