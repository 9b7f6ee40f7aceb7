package io.jenkins.plugins.dbrunbooks.engine.scratch;

import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.TemporaryDatabase;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.LiveSnapshotCopy;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import io.jenkins.plugins.dbrunbooks.engine.restore.ProtectionGuard;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a live database into a new one with the {@code jdbc} method, streamed from the source straight into the
 * target with no file in between. What the copy would leave out is settled from the source's catalog before the
 * target is created, by the rules of a jdbc backup and of a restore into another engine; the new database is
 * noted before it is created and dropped again on failure, so a failed or killed copy leaves nothing behind. The
 * audit records it as a restore without a backup.
 */
public final class LiveCopyOperation {
    private static final String JDBC = "jdbc";
    private final RunbookContext context;

    public LiveCopyOperation(RunbookContext context) {
        this.context = context;
    }

    public RestoreResult run(LiveCopyRequest request) {
        return Audited.run(context, "restore", request.environment(), request.database(), () -> copy(request),
                r -> new Audited.Facts(null, null, r.bytes(), description(request)
                        + (r.leftOut().isEmpty() ? "" : "; left out or changed: " + String.join("; ", r.leftOut()))));
    }

    private static String description(LiveCopyRequest request) {
        return "live copy of " + request.sourceEnvironment() + "/" + request.sourceDatabase() + " into "
                + request.targetDatabase();
    }

    private RestoreResult copy(LiveCopyRequest request) {
        // Refused before any credential is looked up or any connection made.
        ProtectionGuard.check(context.config().environment(request.environment()), request.confirm());
        ResolvedDatabase configured = ResolvedDatabase.resolve(context, request.environment(), request.database(),
                Role.RESTORE);
        ResolvedDatabase source = ResolvedDatabase.resolve(context, request.sourceEnvironment(),
                request.sourceDatabase(), Role.BACKUP);
        DatabaseMethod reader = context.methods().forManifest(source.method().engine(), JDBC);
        DatabaseMethod loader = context.methods().forManifest(configured.method().engine(), JDBC);
        String into = "'" + request.environment() + "/" + request.database() + "' (" + loader.engine() + ")";
        LiveSnapshotCopy.Plan plan = LiveSnapshotCopy.plan(reader, source.methodContext(), loader);
        if (!plan.notCarried().isEmpty() && !source.database().allowPartial()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "Method jdbc cannot carry "
                    + plan.notCarried().size() + " object(s) of '" + request.sourceEnvironment() + "/"
                    + request.sourceDatabase() + "': " + String.join(", ", plan.notCarried())
                    + "; nothing was created", "Copy it from a native backup instead, or set allowPartial: true on"
                            + " the source database to copy it without them.");
        }
        if (!plan.untranslatable().isEmpty()) {
            if (!configured.database().allowPartial()) {
                throw new RunbookException(ErrorKind.NOT_CARRIED, "'" + request.sourceEnvironment() + "/"
                        + request.sourceDatabase() + "' (" + reader.engine() + ") cannot be copied whole into "
                        + into + ", which cannot translate " + String.join(", ", plan.untranslatable())
                        + "; nothing was created", "Copy it into a " + reader.engine() + " database, or set"
                                + " allowPartial: true on the target database to copy it without them.");
            }
            context.listener().message("Left out of the copy into " + into + " (accepted by allowPartial): "
                    + String.join(", ", plan.untranslatable()));
        }
        DatabaseAdmin admin = configured.method().admin(configured.methodContext());
        Leftovers.sweep(context, request.environment(), request.database(), admin);
        String name = request.targetDatabase();
        if (admin.exists(name)) {
            throw new RunbookException(ErrorKind.TARGET_EXISTS, "Database '" + name + "' already exists on the"
                    + " server of '" + request.environment() + "/" + request.database() + "'");
        }
        List<String> leftOut = new ArrayList<>();
        RestoreOptions options = RestoreOptions.defaults()
                .withKeepOwnership(request.sourceEnvironment().equals(request.environment()))
                .withLeftOut(note -> {
                    synchronized (leftOut) {
                        leftOut.add(note);
                    }
                });
        Audited.started(context, "restore", request.environment(), request.database(), null,
                description(request) + " (" + reader.engine() + " into " + loader.engine() + ")");
        context.listener().message("Copying '" + request.sourceEnvironment() + "/" + request.sourceDatabase()
                + "' as it is now into new database '" + name + "'");
        // Until the copy is whole, a killed run leaves the new database to the next restore or copy to drop.
        TemporaryDatabase noted = TemporaryDatabase.note(context.workDir(), request.environment(),
                request.database(), name);
        BackupReceipt receipt;
        admin.create(name, admin.currentDatabaseName());
        try {
            receipt = LiveSnapshotCopy.copy(reader, source.methodContext(), loader,
                    configured.methodContext().withJdbcUrl(admin.jdbcUrlFor(name)), options);
            // As a restore into a new database: used as the configured one is, once its rows are in.
            admin.adopt(name, admin.currentDatabaseName());
        } catch (RuntimeException | Error e) {
            if (dropQuietly(admin, name, e)) {
                noted.close();
            }
            throw e;
        }
        noted.close();
        long rows = receipt.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        context.listener().message("Copied " + Counts.of(rows, "row") + " in "
                + Counts.of(receipt.rowCounts().size(), "table") + " into '" + name + "'");
        List<String> notes = new ArrayList<>(leftOut);
        receipt.notCarried().forEach(o -> notes.add(o + " (not carried)"));
        return new RestoreResult(null, null, request.sourceEnvironment(), request.sourceDatabase(),
                request.environment(), name, admin.jdbcUrlFor(name), 0, null, notes);
    }

    private boolean dropQuietly(DatabaseAdmin admin, String name, Throwable failure) {
        try {
            admin.drop(name);
            return true;
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            context.listener().message("Could not drop '" + name + "' after the failed copy: " + e.getMessage());
            return false;
        }
    }
}
