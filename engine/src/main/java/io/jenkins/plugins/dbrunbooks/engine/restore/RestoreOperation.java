package io.jenkins.plugins.dbrunbooks.engine.restore;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.TemporaryDatabase;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.Session;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.IncompleteRestore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Restores a backup. It refuses a protected target without confirmation, checks the backup before touching
 * anything, and never leaves a half-restored database where a whole one was: a new database is dropped again
 * on failure, and where the method can, a replaced database is restored beside the old one and swapped in.
 */
public final class RestoreOperation {
    private static final String JDBC = "jdbc";
    private final RunbookContext context;

    public RestoreOperation(RunbookContext context) {
        this.context = context;
    }

    public RestoreResult run(RestoreRequest request) {
        return Audited.run(context, "restore", request.environment(), request.database(), () -> restore(request),
                r -> new Audited.Facts(r.backupId(), r.sha256(), r.bytes(), "from " + r.sourceEnvironment() + "/"
                        + r.sourceDatabase() + " into " + r.targetDatabase() + (r.leftOut().isEmpty() ? ""
                                : "; left out or changed: " + String.join("; ", r.leftOut()))
                        + (r.rollback() == null ? "" : "; rollback: " + r.rollback().summary())));
    }

    /** One restore's resolved parts. */
    private record Job(RestoreRequest request, ResolvedDatabase target, DatabaseAdmin admin, StoredBackup backup,
            RestoreOptions options, RestorePayload payload, List<String> leftOut, List<Session> sessions,
            ChangesSince rollback) {

        Job withSessions(List<Session> found) {
            return new Job(request, target, admin, backup, options, payload, leftOut, found, rollback);
        }
    }

    private RestoreResult restore(RestoreRequest request) {
        // Refused before any credential is looked up or any connection made.
        ProtectionGuard.check(context.config().environment(request.environment()), request.confirm());
        ResolvedDatabase configured = ResolvedDatabase.resolve(context, request.environment(), request.database(),
                Role.RESTORE);
        if (request.intoNewDatabase()) {
            Names.requireDatabaseName(request.targetDatabase());
        }
        ResolvedDatabase source = ResolvedDatabase.resolve(context, request.sourceEnvironment(),
                request.sourceDatabase(), null);
        StoredBackup backup = BackupRef.resolve(source.store(), request.sourceEnvironment(), request.sourceDatabase(),
                request.backup());
        requireSameEngine(backup.manifest(), configured);
        ResolvedDatabase target = readerOf(backup.manifest(), configured);
        List<RecipientStanzaReader> identities = identities(request, backup.manifest());
        CrossEngineCheck.require(source, backup, target, identities, context.listener());
        DatabaseAdmin admin = configured.method().admin(configured.methodContext());
        ChangesSince rollback = RollbackGuard.measure(request, backup.manifest(), admin, configured.methodContext(),
                context.listener()).orElse(null);
        if (rollback != null) {
            RollbackGuard.check(configured.environment().protectedEnvironment(), request, rollback);
        }
        List<String> leftOut = new ArrayList<>();
        RestoreOptions options = RestoreOptions.defaults()
                .withKeepOwnership(request.sourceEnvironment().equals(request.environment()))
                .withLeftOut(note -> {
                    synchronized (leftOut) {
                        leftOut.add(note);
                    }
                });
        Leftovers.sweep(context, request.environment(), request.database(), admin);
        target.method().checkLoadable(target.methodContext(), () -> source.store().readPayload(backup, identities,
                new ProgressMeter(context.listener(), "check", backup.manifest().payload().size())).stream());
        // Both load into a database of their own, kept only once the payload proved whole.
        boolean fresh = request.intoNewDatabase() || target.method().capabilities().swapRestore();
        try (RestorePayload payload = RestorePayload.open(target.method(), source.store(), backup,
                identities, context.workDir(), context.listener(), fresh)) {
            return restore(new Job(request, target, admin, backup, options, payload, leftOut, List.of(), rollback));
        }
    }

    private RestoreResult restore(Job resolved) {
        Job job = resolved;
        String name = job.request().intoNewDatabase() ? job.request().targetDatabase()
                : job.admin().currentDatabaseName();
        String safetyId = null;
        if (job.request().intoNewDatabase()) {
            started(job, "into new database '" + name + "'");
            intoNewDatabase(job, name);
        } else {
            String env = job.request().environment();
            String db = job.request().database();
            IncompleteRestore.of(job.target().store(), env, db)
                    .ifPresent(left -> context.listener().message(left.describe(env, db)));
            job = job.withSessions(sessionsToEnd(job, name));
            if (job.target().method().capabilities().swapRestore()) {
                started(job, "beside '" + name + "', then swapped in");
                bySwap(job);
                clearMarker(job);
            } else {
                safetyId = inPlace(job);
            }
        }
        context.listener().message("Restored backup " + job.backup().id() + " into '" + name + "'");
        Manifest manifest = job.backup().manifest();
        return new RestoreResult(manifest.id(), manifest.payload().sha256(), job.request().sourceEnvironment(),
                job.request().sourceDatabase(), job.request().environment(), name, job.admin().jdbcUrlFor(name),
                manifest.payload().size(), safetyId, List.copyOf(job.leftOut()), job.rollback());
    }

    /**
     * The method that reads the payload is the one that wrote it, as the manifest records, whatever the target is
     * configured with now. A jdbc snapshot may come from another engine; it is read by the target engine's jdbc
     * method. The target's configured method still does the database-level work (create, drop, swap).
     */
    private ResolvedDatabase readerOf(Manifest manifest, ResolvedDatabase target) {
        String engine = JDBC.equals(manifest.method()) ? target.method().engine() : manifest.engine();
        DatabaseMethod reader = context.methods().forManifest(engine, manifest.method());
        return new ResolvedDatabase(target.environment(), target.database(), reader, target.store(),
                target.methodContext());
    }

    private static void requireSameEngine(Manifest manifest, ResolvedDatabase target) {
        if (!manifest.engine().equals(target.method().engine()) && !JDBC.equals(manifest.method())) {
            throw new RunbookException(ErrorKind.USAGE, "Backup '" + manifest.id() + "' is a " + manifest.engine()
                    + " backup; '" + target.environment().name() + "/" + target.database().name() + "' is "
                    + target.method().engine(), "Restore it into a database of the same kind, or back it up with method 'jdbc' to move it"
                    + " between kinds.");
        }
    }

    private static List<RecipientStanzaReader> identities(RestoreRequest request, Manifest manifest) {
        if (!manifest.encrypted()) {
            return List.of();
        }
        if (request.ageIdentity() == null) {
            throw new RunbookException(ErrorKind.DECRYPTION, "Backup '" + manifest.id()
                    + "' is encrypted with age and no identity was given", "Give the age identity file of recipient "
                            + String.join(" or ", manifest.payload().recipientFingerprints()) + ".");
        }
        return AgeKeys.identities(request.ageIdentity());
    }

    private void intoNewDatabase(Job job, String name) {
        if (job.admin().exists(name)) {
            throw new RunbookException(ErrorKind.TARGET_EXISTS, "Database '" + name + "' already exists on the"
                    + " server of '" + job.target().environment().name() + "/" + job.target().database().name() + "'");
        }
        // Loaded whole, the new database is the one wanted; until then a killed run leaves it to be dropped.
        loadIntoFresh(job, name).close();
    }

    private void bySwap(Job job) {
        DatabaseAdmin admin = job.admin();
        String current = admin.currentDatabaseName();
        String suffix = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String scratch = Names.withSuffix(current, "_restore_" + suffix);
        String retired = Names.withSuffix(current, "_old_" + suffix);
        TemporaryDatabase scratchNote = loadIntoFresh(job, scratch);
        // Noted before the swap: once it is done, a killed run leaves the old copy under this name.
        TemporaryDatabase retiredNote = note(job, retired);
        try {
            admin.swap(current, scratch, retired);
        } catch (RuntimeException e) {
            if (dropQuietly(admin, scratch, e)) {
                scratchNote.close();
                retiredNote.close();
            }
            throw e;
        }
        scratchNote.close();
        try {
            admin.drop(retired);
            retiredNote.close();
        } catch (RuntimeException e) {
            // The restore itself succeeded; the old copy is only in the way.
            context.listener().message("The restore is in place, but the previous database, now '" + retired
                    + "', could not be dropped: " + e.getMessage() + ". The next restore tries again, or drop it"
                    + " by hand.");
        }
    }

    private TemporaryDatabase note(Job job, String name) {
        return TemporaryDatabase.note(context.workDir(), job.request().environment(), job.request().database(), name);
    }

    private String inPlace(Job job) {
        String current = job.admin().currentDatabaseName();
        String safetyId = null;
        boolean exists = job.admin().exists(current);
        if (!exists) {
            job.admin().create(current, current);
        } else if (job.request().safetyBackup()) {
            context.listener().message("Backing up '" + current + "' before replacing it in place");
            safetyId = new BackupOperation(context).run(BackupRequest.safetyOf(job.request().environment(),
                    job.request().database())).id();
        }
        IncompleteRestore marker = new IncompleteRestore(job.backup().id(), safetyId, context.clock().instant(),
                context.actor().user(), context.actor().build());
        // Noted before the database is touched: from here until the load is done, it is neither the old nor the
        // new database.
        job.target().store().writeRestoreMarker(job.request().environment(), job.request().database(),
                marker.encode());
        started(job, "in place into '" + current + "'" + (safetyId == null ? ", without a safety backup"
                : " after safety backup " + safetyId));
        try {
            if (exists && JDBC.equals(job.target().method().name())) {
                // A snapshot creates every object it holds, as into a new database; native payloads drop their own.
                job.admin().empty(current);
            }
            load(job, job.target().methodContext());
        } catch (RunbookException e) {
            if (safetyId != null) {
                throw withSafetyBackup(e, job.request(), current, safetyId);
            }
            context.listener().message(marker.describe(job.request().environment(), job.request().database()));
            throw e;
        } catch (RuntimeException | Error e) {
            context.listener().message(marker.describe(job.request().environment(), job.request().database()));
            throw e;
        }
        clearMarker(job);
        return safetyId;
    }

    /** The audit notes a restore before it touches anything, so that a killed one is on record too. */
    private void started(Job job, String how) {
        Audited.started(context, "restore", job.request().environment(), job.request().database(),
                job.backup().id(), "from " + job.request().sourceEnvironment() + "/" + job.request().sourceDatabase()
                        + " " + how + (job.sessions().isEmpty() ? "" : "; ending sessions: "
                                + job.sessions().stream().map(Session::describe).collect(Collectors.joining("; ")))
                        + (job.rollback() == null ? "" : "; rollback: " + job.rollback().summary()
                                + (job.rollback().backupId().equals(job.request().acceptLoss()) ? ", loss accepted"
                                        : "")));
    }

    /**
     * The sessions replacing the database ends, said before anything is touched. One of this product's own (a
     * backup of the database, most likely) is not ended unless the request forces it: that run would fail half-way
     * for no reason its user could see.
     */
    private List<Session> sessionsToEnd(Job job, String database) {
        if (!job.admin().exists(database)) {
            return List.of();
        }
        List<Session> sessions = job.admin().sessions(database);
        if (sessions.isEmpty()) {
            return sessions;
        }
        String list = sessions.stream().map(Session::describe).collect(Collectors.joining("; "));
        List<Session> ours = sessions.stream().filter(Session::ours).toList();
        if (!ours.isEmpty() && !job.request().force()) {
            throw new RunbookException(ErrorKind.TARGET_BUSY, "'" + database + "' is in use by " + ours.size()
                    + " session(s) of Database Runbooks (a backup of it, most likely): " + list
                    + ". Nothing was touched", "Wait for that run to finish, or force the restore (CLI --force,"
                            + " step force: true) to end it.");
        }
        context.listener().message("Restoring ends " + sessions.size() + " session(s) on '" + database + "': "
                + list);
        return sessions;
    }

    /** A finished restore, in place or by swap, leaves a whole database whatever an earlier one left. */
    private void clearMarker(Job job) {
        job.target().store().clearRestoreMarker(job.request().environment(), job.request().database());
    }

    /** A failed in-place load leaves the database partly replaced: the message names the copy to go back to. */
    private static RunbookException withSafetyBackup(RunbookException e, RestoreRequest request, String database,
            String safetyId) {
        String env = request.environment();
        String db = request.database();
        return new RunbookException(e.kind(), e.getMessage() + System.lineSeparator()
                + "  Database '" + database + "' may be partly restored; its safety backup " + safetyId
                + " holds it as it was.", "Restore the safety backup: dbrunbooks restore -e " + env + " -d " + db
                + " --backup " + safetyId + " --no-safety-backup" + (request.confirm() == null ? "" : " --confirm "
                + env) + " (in Jenkins: restoreDatabase environment: '" + env
                + "', database: '" + db + "', backup: '" + safetyId + "').", e);
    }

    /**
     * Creates and loads database {@code name}; returns its note, which the caller closes once the database is the
     * one wanted or dropped. A failed load drops it again.
     */
    private TemporaryDatabase loadIntoFresh(Job job, String name) {
        TemporaryDatabase noted = note(job, name);
        job.admin().create(name, job.admin().currentDatabaseName());
        try {
            load(job, job.target().methodContext().withJdbcUrl(job.admin().jdbcUrlFor(name)));
            // After the load: the database's own settings (a statement timeout, read-only transactions) would
            // reach the restore's sessions, and a connection limit could keep its jobs out.
            job.admin().adopt(name, job.admin().currentDatabaseName());
        } catch (RuntimeException | Error e) {
            if (dropQuietly(job.admin(), name, e)) {
                noted.close();
            }
            throw e;
        }
        return noted;
    }

    private void load(Job job, MethodContext methodContext) {
        job.target().method().restore(methodContext, job.payload(), job.options());
        job.payload().requireIntact();
    }

    /** Whether {@code name} is gone; if it could not be dropped, its note stays for the next run to try again. */
    private boolean dropQuietly(DatabaseAdmin admin, String name, Throwable failure) {
        try {
            admin.drop(name);
            return true;
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            context.listener().message("Could not drop '" + name + "' after the failed restore: " + e.getMessage());
            return false;
        }
    }
}
