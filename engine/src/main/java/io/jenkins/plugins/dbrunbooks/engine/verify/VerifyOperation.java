package io.jenkins.plugins.dbrunbooks.engine.verify;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
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
 * Checks a backup in rising levels and says which it reached: the stored bytes against the manifest's size and
 * SHA-256 ({@code checksum}); the whole payload decrypted and decompressed ({@code stream}); the method's own
 * format read through to its end, as the manifest's engine and method wrote it ({@code structure}). Nothing above
 * the level reached is claimed.
 */
public final class VerifyOperation {
    private final RunbookContext context;

    public VerifyOperation(RunbookContext context) {
        this.context = context;
    }

    public VerificationReport run(VerifyRequest request) {
        return Audited.run(context, "verify", request.environment(), request.database(), () -> verify(request),
                r -> new Audited.Facts(r.manifest().id(), r.manifest().payload().sha256(),
                        r.manifest().payload().size(), r.passed() ? "verified to level " + r.level().id()
                                : "failed at level " + r.level().id() + ": " + r.firstFailure(),
                        r.passed() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE));
    }

    private VerificationReport verify(VerifyRequest request) {
        ResolvedDatabase target = ResolvedDatabase.resolve(context, request.environment(), request.database(), null);
        Leftovers.sweep(context, request.environment(), request.database(), null);
        Inventory.warnIfIncomplete(context, request.environment(), request.database());
        StoredBackup backup = BackupRef.resolve(target.store(), request.environment(), request.database(),
                request.backup());
        List<RecipientStanzaReader> identities = request.ageIdentity() == null ? List.of()
                : AgeKeys.identities(request.ageIdentity());
        List<String> given = request.ageIdentity() == null ? List.of()
                : AgeKeys.identityFingerprints(request.ageIdentity());
        VerificationReport report = verify(target, backup, identities, given);
        note(target, backup, report);
        return report;
    }

    /** Keeps the level reached beside the backup; a store that cannot take the note does not fail the verify. */
    private void note(ResolvedDatabase target, StoredBackup backup, VerificationReport report) {
        try {
            VerifyNote.write(target.store(), backup, new VerifyNote(report.level(), report.passed(),
                    context.clock().instant(), context.actor().user()));
        } catch (RuntimeException e) {
            context.listener().message("Warning: the verification could not be noted beside the backup: "
                    + e.getMessage());
        }
    }

    /** Verifies a backup already found. */
    public VerificationReport verify(ResolvedDatabase target, StoredBackup backup,
            List<RecipientStanzaReader> identities) {
        return verify(target, backup, identities, List.of());
    }

    /** @param given the fingerprints of the identities given, to name them when they do not fit */
    private VerificationReport verify(ResolvedDatabase target, StoredBackup backup,
            List<RecipientStanzaReader> identities,
            List<String> given) {
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
            return new VerificationReport(manifest, checks, VerificationLevel.NONE);
        }
        if (manifest.encrypted() && identities.isEmpty()) {
            checks.add(CheckResult.skipped("stream", "encrypted, and no age identity was given to decrypt it"));
            checks.add(CheckResult.skipped("structure", "needs the decrypted stream"));
            return new VerificationReport(manifest, checks, VerificationLevel.CHECKSUM);
        }
        return new VerificationReport(manifest, checks, readThrough(target, backup, identities, given, checks));
    }

    /** One pass over the payload: its structure as it streams by, then the stream's size and checksum. */
    private VerificationLevel readThrough(ResolvedDatabase target, StoredBackup backup,
            List<RecipientStanzaReader> identities,
            List<String> given, List<CheckResult> checks) {
        Manifest manifest = backup.manifest();
        StructureChecks.Choice structure = StructureChecks.choose(context, target, manifest);
        CheckResult structureResult = structure.skipped();
        try (PayloadReader reader = target.store().readPayload(backup, identities,
                new ProgressMeter(context.listener(), "verify", manifest.payload().size()))) {
            InputStream raw = new KeptOpen(reader.stream());
            if (structure.check() != null) {
                try {
                    structureResult = CheckResult.passed("structure", structure.check().check(raw));
                } catch (RunbookException e) {
                    structureResult = CheckResult.failed("structure", e.getMessage());
                } catch (IOException e) {
                    structureResult = CheckResult.failed("structure", "cannot be read through: " + e.getMessage());
                }
            }
            raw.transferTo(OutputStream.nullOutputStream());
            reader.finish();
            checks.add(CheckResult.passed("stream", (manifest.encrypted() ? "decrypted and decoded " : "decoded ")
                    + Bytes.human(reader.decodedSize()) + ", as the manifest says"));
        } catch (RunbookException e) {
            boolean decryption = e.kind() == ErrorKind.DECRYPTION;
            checks.add(CheckResult.failed(decryption ? "decryption" : "stream", e.getMessage()
                    + (decryption && !given.isEmpty() ? "; the identity given is for " + String.join(", ", given)
                            : "")));
            checks.add(CheckResult.skipped("structure", "needs a readable stream"));
            return VerificationLevel.CHECKSUM;
        } catch (IOException e) {
            checks.add(CheckResult.failed("stream", e.getMessage()));
            checks.add(CheckResult.skipped("structure", "needs a readable stream"));
            return VerificationLevel.CHECKSUM;
        }
        checks.add(structureResult);
        return structureResult.outcome() == CheckResult.Outcome.PASSED ? VerificationLevel.STRUCTURE
                : VerificationLevel.STREAM;
    }

    /** The decoded stream for a check or tool, which may close its input before the check has read it all. */
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
