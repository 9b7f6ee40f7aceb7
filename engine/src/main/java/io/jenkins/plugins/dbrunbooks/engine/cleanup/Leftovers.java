package io.jenkins.plugins.dbrunbooks.engine.cleanup;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * What runs killed outright (SIGKILL, a lost agent, a power cut) left behind, cleaned up at the start of the next
 * operation on the database with the same working directory, whatever that operation is, and said aloud: private
 * directories (password and option files, decrypted payloads, spooled values) and the store's partial files of
 * unfinished backups are removed; databases such a run
 * created for a while are dropped when this operation holds the login that may drop them (a restore or a copy of
 * that database) and named otherwise. Runs still going, in this process or another, are left alone. The tools a
 * killed run started end with it (see the process package's watchdog).
 */
public final class Leftovers {
    private Leftovers() {
    }

    /**
     * Cleans up after killed runs before an operation on {@code environment/database}; {@code admin}, the target's
     * administration as the restore login, may be null when the operation has no such login.
     */
    public static void sweep(RunbookContext context, String environment, String database, DatabaseAdmin admin) {
        PrivateFiles.sweepLeftovers(context.workDir(), removed -> context.listener().message("Removed '" + removed
                + "', left behind by a run that was killed"));
        for (String partial : context.store(context.config().environment(environment))
                .removeAbandoned(environment, database)) {
            context.listener().message("Removed '" + partial + "', left behind by a backup that was killed");
        }
        for (TemporaryDatabase.Left left : TemporaryDatabase.left(context.workDir())) {
            if (!left.environment().equals(environment)) {
                continue;
            }
            if (admin == null || !left.database().equals(database)) {
                context.listener().message("A run that was killed left database '" + left.name() + "' on the server"
                        + " of '" + left.environment() + "/" + left.database() + "'; the next restore into '"
                        + left.environment() + "/" + left.database() + "' drops it.");
                continue;
            }
            drop(context, admin, left);
        }
    }

    /** How long a creation the killed run left on the server is waited for before the note is kept for later. */
    private static final Duration CREATION_WAIT = Duration.ofSeconds(60);

    /**
     * Waits while the server still creates {@code name} for a killed run, so that it is dropped once there rather
     * than appearing after its note is gone.
     */
    static void awaitCreation(DatabaseAdmin admin, String name) {
        long deadline = System.nanoTime() + CREATION_WAIT.toNanos();
        while (!admin.exists(name) && admin.beingCreated(name)) {
            if (System.nanoTime() > deadline) {
                throw new RunbookException(ErrorKind.TARGET_BUSY, "the server has been creating it for over "
                        + CREATION_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while waiting for database '" + name
                        + "' to be created");
            }
        }
    }

    private static void drop(RunbookContext context, DatabaseAdmin admin, TemporaryDatabase.Left left) {
        String where = "'" + left.environment() + "/" + left.database() + "'";
        try {
            // Never the configured database itself, whatever a note says.
            if (left.name().equals(admin.currentDatabaseName())) {
                Files.deleteIfExists(left.note());
                return;
            }
            awaitCreation(admin, left.name());
            if (admin.exists(left.name())) {
                admin.drop(left.name());
                context.listener().message("Dropped database '" + left.name() + "' on the server of " + where
                        + ", left behind by a run that was killed");
            }
            Files.deleteIfExists(left.note());
        } catch (RunbookException | IOException e) {
            context.listener().message("Could not drop database '" + left.name() + "', left on the server of " + where
                    + " by a run that was killed: " + e.getMessage() + ". The next restore tries again.");
        }
    }
}
