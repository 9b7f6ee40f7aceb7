package io.jenkins.plugins.dbrunbooks.engine.verify;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.StreamCopy;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.Target;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a backup in rising depth: the stored bytes against the manifest's size and SHA-256; then, when it can
 * be read, the whole stream decrypted and decompressed; then the database tool's own listing of it.
 */
public final class VerifyOperation {
    private final RunbookContext context;

    public VerifyOperation(RunbookContext context) {
        this.context = context;
    }

    public VerificationReport run(VerifyRequest request) {
        return Audited.run(context, "verify", request.environment(), request.database(), () -> verify(request),
                r -> new Audited.Facts(r.manifest().id(), r.manifest().payload().sha256(),
                        r.manifest().payload().size(), r.passed() ? "passed" : "failed: " + r.firstFailure(),
                        r.passed() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE));
    }

    private VerificationReport verify(VerifyRequest request) {
        Target target = Target.resolve(context, request.environment(), request.database(), null);
        Inventory.warnIfIncomplete(context, request.environment(), request.database());
        StoredBackup backup = BackupRef.resolve(target.store(), request.environment(), request.database(),
                request.backup());
        List<RecipientStanzaReader> identities = request.ageIdentity() == null ? List.of()
                : AgeKeys.identities(request.ageIdentity());
        return verify(target, backup, identities);
    }

    /** Verifies a backup already found. */
    public VerificationReport verify(Target target, StoredBackup backup, List<RecipientStanzaReader> identities) {
        Manifest manifest = backup.manifest();
        BackupStore store = target.store();
        List<CheckResult> checks = new ArrayList<>();
        context.listener().message("Verifying backup " + manifest.id() + " (" + Bytes.human(manifest.payload().size())
                + ")");
        try {
            store.checkStoredBytes(backup,
                    new ProgressMeter(context.listener(), "checksum", manifest.payload().size()));
            checks.add(CheckResult.passed("checksum", "sha256 " + manifest.payload().sha256()));
        } catch (RunbookException e) {
            checks.add(CheckResult.failed("checksum", e.getMessage()));
            return new VerificationReport(manifest, checks);
        }
        if (manifest.encrypted() && identities.isEmpty()) {
            checks.add(CheckResult.skipped("stream", "encrypted; give an age identity to decrypt and check it"));
            checks.add(CheckResult.skipped("listing", "needs the decrypted stream"));
            return new VerificationReport(manifest, checks);
        }
        DatabaseMethod method = context.methods().forManifest(manifest.engine(), manifest.method());
        boolean listing = method.capabilities().nativeListing()
                && method.unavailableReason(target.methodContext()).isEmpty();
        checkStream(target, store, backup, identities, method, listing, checks);
        return new VerificationReport(manifest, checks);
    }

    private void checkStream(Target target, BackupStore store, StoredBackup backup,
            List<RecipientStanzaReader> identities, DatabaseMethod method, boolean listing, List<CheckResult> checks) {
        Manifest manifest = backup.manifest();
        long entries = -1;
        try (PayloadReader reader = store.readPayload(backup, identities,
                new ProgressMeter(context.listener(), "verify", manifest.payload().size()))) {
            InputStream raw = new KeptOpen(reader.stream());
            if (listing) {
                entries = method.list(target.methodContext(), raw);
            }
            StreamCopy.copy(raw, OutputStream.nullOutputStream());
            // Size, checksum and raw size, as restore checks them.
            reader.finish();
            checks.add(CheckResult.passed("stream", (manifest.encrypted() ? "decrypted and decoded " : "decoded ")
                    + Bytes.human(reader.decodedSize()) + ", as the manifest says"));
        } catch (RunbookException e) {
            checks.add(CheckResult.failed(entries >= 0 ? "stream" : (listing ? "listing" : "stream"),
                    e.getMessage()));
            return;
        } catch (IOException e) {
            checks.add(CheckResult.failed("stream", e.getMessage()));
            return;
        }
        checks.add(listing ? CheckResult.passed("listing", method.engine() + " tool lists " + entries + " entries")
                : CheckResult.skipped("listing", method.capabilities().nativeListing()
                        ? "the database's client tool is not installed here"
                        : method.engine() + " " + method.name() + " has no listing tool"));
    }

    /** The decoded stream for a tool, which may close its input before the check has read it all. */
    private static final class KeptOpen extends java.io.FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The reader closes the stream; a tool closing its input must not end the check early.
        }
    }
}
