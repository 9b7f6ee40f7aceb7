package io.jenkins.plugins.dbrunbooks.engine.scratch;

import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.TemporaryDatabase;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.util.function.BiFunction;

/**
 * Scratch copies: a backup restored (or a live database copied) into a new database beside a configured one, used,
 * and dropped afterwards whatever happened. Everything on the target runs as the database's restore login, which
 * the copy's user gets too; a live copy reads its source with the source's backup login.
 */
public final class ScratchCopyOperation {
    private final RunbookContext context;

    public ScratchCopyOperation(RunbookContext context) {
        this.context = context;
    }

    /**
     * Restores the backup into the request's new database. A failed restore drops what it created, so on failure
     * nothing is left; on success the caller owns the copy and drops it with {@link #undo} or {@link #drop}.
     */
    public ScratchCopy create(ScratchCopyRequest request) {
        // Noted until it is dropped: a run killed while the copy is in use leaves it to the next restore or copy.
        TemporaryDatabase noted = TemporaryDatabase.note(context.workDir(), request.environment(),
                request.database(), request.scratchName());
        try {
            return new ScratchCopy(request.environment(), request.database(), request.live()
                    ? new LiveCopyOperation(context).run(request.toLiveCopy())
                    : new RestoreOperation(context).run(request.toRestore()));
        } catch (RuntimeException | Error e) {
            noted.close();
            throw e;
        }
    }

    /**
     * Makes the copy as {@link #create} does, for good: once it is whole, no later run takes it for a leftover and
     * drops it. Nothing is left on failure.
     */
    public ScratchCopy keep(ScratchCopyRequest request) {
        ScratchCopy copy = create(request);
        TemporaryDatabase.forget(context.workDir(), request.environment(), request.database(), request.scratchName());
        return copy;
    }

    /** The undo of {@link #create}: drops the copy; dropping one already gone does nothing. */
    public Undo undo(ScratchCopy copy) {
        return () -> drop(copy.environment(), copy.database(), copy.name());
    }

    /** Drops a scratch database on the server of {@code environment/database}, as its restore login. */
    public void drop(String environment, String database, String scratchName) {
        Audited.run(context, "drop", environment, database, () -> {
            Names.requireDatabaseName(scratchName);
            ResolvedDatabase target = ResolvedDatabase.resolve(context, environment, database, Logins.scratchCopy());
            DatabaseAdmin admin = target.method().admin(target.methodContext());
            Leftovers.sweep(context, environment, database, admin);
            admin.drop(scratchName);
            TemporaryDatabase.forget(context.workDir(), environment, database, scratchName);
            context.listener().message("Dropped scratch database '" + scratchName + "'");
            return scratchName;
        }, name -> new Audited.Facts(null, null, 0, "dropped scratch database " + name));
    }

    /** The login a scratch copy is made with, for whoever uses it. */
    public DbCredential login(ScratchCopy copy) {
        Environment environment = context.config().environment(copy.environment());
        return context.credentials().resolve(environment, environment.database(copy.database()),
                Logins.scratchCopy());
    }

    /**
     * Makes the copy, gives it and its login to {@code use}, and drops it afterwards whether {@code use} returned
     * or threw. A failure to drop is added to the failure of {@code use}, never hiding it.
     */
    public <T> T with(ScratchCopyRequest request, BiFunction<ScratchCopy, DbCredential, T> use) {
        ScratchCopy copy = create(request);
        T result;
        try {
            result = use.apply(copy, login(copy));
        } catch (RuntimeException | Error e) {
            try {
                undo(copy).revert();
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
        undo(copy).revert();
        return result;
    }
}
