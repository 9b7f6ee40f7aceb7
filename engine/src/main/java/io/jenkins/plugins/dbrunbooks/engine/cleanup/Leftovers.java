package io.jenkins.plugins.dbrunbooks.engine.cleanup;

import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;

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

    private static void drop(RunbookContext context, DatabaseAdmin admin, TemporaryDatabase.Left left) {
        String where = "'" + left.environment() + "/" + left.database() + "'";
        try {
            // Never the configured database itself, whatever a note says.
            if (!left.name().equals(admin.currentDatabaseName()) && admin.exists(left.name())) {
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
