package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Compression;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadDigest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadWriter;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadWriter.PayloadOptions;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.IncompleteRestore;
import io.jenkins.plugins.dbrunbooks.engine.store.PendingBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Takes a backup: the method's stream through the artifact layers into a pending file of the environment's
 * store, committed with its manifest only once everything succeeded.
 */
public final class BackupOperation {
    private final RunbookContext context;

    public BackupOperation(RunbookContext context) {
        this.context = context;
    }

    public BackupResult run(BackupRequest request) {
        return Audited.run(context, "backup", request.environment(), request.database(), () -> backup(request),
                r -> new Audited.Facts(r.id(), r.manifest().payload().sha256(), r.manifest().payload().size(),
                        r.manifest().label()));
    }

    private BackupResult backup(BackupRequest request) {
        request.validate();
        Leftovers.sweep(context, request.environment(), request.database(), null);
        ResolvedDatabase configured = ResolvedDatabase.resolve(context, request.environment(), request.database(),
                Role.BACKUP);
        PayloadOptions options = payloadOptions(configured);
        BackupPlan plan = BackupPlan.of(context, configured);
        ResolvedDatabase target = plan.target();
        Instant started = context.clock().instant();
        String id = BackupId.next(started);
        context.listener().message("Backing up '" + target.environment().name() + "/" + target.database().name()
                + "' with " + target.method().engine() + " " + target.method().name() + " as " + id);
        IncompleteRestore.of(target.store(), request.environment(), request.database())
                .ifPresent(left -> context.listener().message(left.describe(request.environment(),
                        request.database()) + " This backup holds it as it is now."));
        try (PendingBackup pending = target.store().create(target.environment().name(), target.database().name(),
                id, target.method().payloadExtension() + options.suffix())) {
            ProgressMeter meter = new ProgressMeter(context.listener(), "backup", -1);
            BackupReceipt receipt;
            PayloadDigest digest;
            Undo mark = target.method().admin(target.methodContext()).markBackup();
            try (PayloadWriter writer = PayloadWriter.open(pending.payload(), options, meter)) {
                receipt = target.method().backup(target.methodContext(), writer.stream());
                digest = writer.finish();
            } catch (IOException e) {
                throw new RunbookException(ErrorKind.STORAGE, "Cannot write backup '" + id + "': " + e.getMessage(),
                        null, e);
            } finally {
                mark.revert();
            }
            meter.finish();
            requireNothingNewLeftOut(plan, receipt);
            List<String> warnings = new java.util.ArrayList<>(plan.warnings());
            if (receipt.fingerprints() == null && !target.database().fingerprints()) {
                warnings.add(Manifest.FINGERPRINTS_OFF);
            }
            Manifest manifest = manifest(request, target, options, id, started, pending.payloadName(), receipt,
                    digest, warnings);
            StoredBackup stored = pending.commit(manifest);
            plan.warnings().forEach(w -> context.listener().message("Warning: " + w));
            if (manifest.partial()) {
                context.listener().message("Partial backup " + id + ": it leaves out " + String.join(", ",
                        manifest.notCarried()) + " (accepted by allowPartial)");
            }
            context.listener().message("Stored backup " + id + ": " + Bytes.human(digest.size()) + " ("
                    + Bytes.human(digest.rawSize()) + " before compression), sha256 " + digest.sha256());
            return new BackupResult(stored.manifest(), stored.payloadLocation(), stored.manifestLocation());
        }
    }

    /** The backup's own snapshot may hold an object created after the plan was made; it is refused too. */
    private static void requireNothingNewLeftOut(BackupPlan plan, BackupReceipt receipt) {
        List<String> unexpected = plan.unexpected(receipt.notCarried());
        if (!unexpected.isEmpty()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "Method " + plan.target().method().name()
                    + " cannot carry " + String.join(", ", unexpected) + ", created while the backup started;"
                    + " nothing was stored", "Run the backup again: it will name every object it cannot carry.");
        }
    }

    private PayloadOptions payloadOptions(ResolvedDatabase target) {
        // Recipients are checked before the database is touched.
        AgeKeys.recipients(target.environment().ageRecipients());
        Compression compression = target.method().compressesItself() ? Compression.NONE : Compression.ZSTD;
        return new PayloadOptions(compression, context.payload().zstdLevel(), context.payload().zstdWorkers(),
                target.environment().ageRecipients());
    }

    private Manifest manifest(BackupRequest request, ResolvedDatabase target, PayloadOptions options, String id,
            Instant started, String payloadName, BackupReceipt receipt, PayloadDigest digest, List<String> warnings) {
        return new Manifest(Manifest.FORMAT_VERSION, id, request.label(), target.environment().name(),
                target.database().name(), target.method().engine(), receipt.serverVersion(), target.method().name(),
                receipt.tool(), receipt.toolVersion(),
                new Manifest.Payload(payloadName, digest.size(), digest.sha256(), options.compression().id(),
                        options.encryption(),
                        target.environment().ageRecipients().stream().map(AgeKeys::fingerprint).toList()),
                digest.rawSize(), started, context.clock().instant(), receipt.rowCounts(), context.actor().user(),
                context.actor().build(), request.purpose(), receipt.notCarried(), warnings, receipt.position(),
                receipt.fingerprints(), receipt.engineOnlyValues(),
                receipt.valuesNotHeldBy());
    }
}
