package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.Permission;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.ResolvedCredentials;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.RunCredentials;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceGate;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;
import io.jenkins.plugins.dbrunbooks.plugin.runner.RunbookRunner;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runbook operations as steps, builders and wrappers call them: each checks its permission (the build's
 * authentication and the user who started it, see RunAuthorization), waits while its environment is in
 * maintenance, resolves exactly the logins it needs in the build's context, and runs the engine on the agent that
 * holds {@code workspace}. Pipeline steps and their freestyle twins share these methods.
 */
public final class RunbookOperations {
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final TaskListener listener;
    private final RunbookRunner runner;

    /** @param workspace where the work runs; may be null only for {@link #login}, which runs nothing */
    public RunbookOperations(Run<?, ?> run, FilePath workspace, TaskListener listener) {
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
        this.runner = new RunbookRunner(run, listener);
    }

    public BackupResult backup(BackupSpec spec) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "backup", spec.getEnvironment(),
                spec.getDatabase());
        ResolvedCredentials logins = new ResolvedCredentials();
        put(logins, target, Role.BACKUP);
        return execute(logins, new BackupWork(spec.toRequest()));
    }

    public RestoreResult restore(RestoreSpec spec) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.RESTORE, "restore", spec.getEnvironment(),
                spec.getDatabase());
        Configured source = configured(spec.sourceEnvironment(), spec.sourceDatabase());
        ResolvedCredentials logins = new ResolvedCredentials();
        put(logins, target, Role.RESTORE);
        if (!spec.intoNewDatabase() && target.database().getBackupCredentialsId() != null) {
            // An in-place restore first backs the target up, as the backup account.
            put(logins, target, Role.BACKUP);
        }
        SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, source.environment()));
        return execute(logins, new RestoreWork(spec.toRequest(identity)));
    }

    public VerificationReport verify(String environment, String database, String backup)
            throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "verify", environment, database);
        SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, target.environment()));
        return execute(new ResolvedCredentials(), new VerifyWork(new VerifyRequest(environment, database,
                backup, identity)));
    }

    public BackupListing list(String environment, String database) throws IOException, InterruptedException {
        authorized(RunbookPermissions.BACKUP, "list", environment, database);
        return execute(new ResolvedCredentials(), new ListWork(environment, database));
    }

    /**
     * Prunes with the environment's retention, or with {@code keepLast} and {@code maxAgeDays} where they are not
     * null.
     */
    public PruneResult prune(String environment, String database, Integer keepLast, Integer maxAgeDays,
            boolean dryRun) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "prune", environment, database);
        Retention retention = null;
        if (keepLast != null || maxAgeDays != null) {
            retention = onController(() -> new Retention(
                    keepLast != null ? keepLast : target.environment().getKeepLast(),
                    maxAgeDays != null ? maxAgeDays : target.environment().getMaxAgeDays(),
                    target.environment().getKeepSafetyBackups()));
        }
        return execute(new ResolvedCredentials(), new PruneWork(new PruneRequest(environment, database, retention,
                dryRun)));
    }

    /**
     * The URL and login of a configured database for a build's own use, such as a migration tool. The deploy and
     * restore logins need Restore, the backup login needs Backup.
     */
    public DatabaseLogin login(String environment, String database, Role role)
            throws IOException, InterruptedException {
        Permission permission = role == Role.BACKUP ? RunbookPermissions.BACKUP : RunbookPermissions.RESTORE;
        Configured target = authorized(permission, "bind-" + role.id(), environment, database);
        DbCredential login = onController(() -> RunCredentials.login(run, target.environment(), target.database(),
                role));
        return new DatabaseLogin(target.database().getUrl(), login);
    }

    /** Restores a backup into the new database {@code scratchName}; the caller drops it with {@link #drop}. */
    public RestoreResult copy(CopySpec spec, String scratchName) throws IOException, InterruptedException {
        return restore(spec.toRestore(scratchName));
    }

    /** The restore login the scratch copy was made with, for the build to use it. */
    public DbCredential copyLogin(CopySpec spec) throws AbortException {
        Configured target = configured(spec.getEnvironment(), spec.getDatabase());
        return onController(() -> RunCredentials.login(run, target.environment(), target.database(), Role.RESTORE));
    }

    /**
     * Drops a scratch database made by {@link #copy}. No permission check: the build was allowed to make it, and
     * cleaning up must not depend on a permission withdrawn in the meantime.
     */
    public void drop(String environment, String database, String scratchName)
            throws IOException, InterruptedException {
        Configured target = configured(environment, database);
        ResolvedCredentials logins = new ResolvedCredentials();
        put(logins, target, Role.RESTORE);
        execute(logins, new DropWork(environment, database, scratchName));
    }

    /** Checks the permission, then waits while the environment is in maintenance for this build. */
    private Configured authorized(Permission permission, String operation, String environment, String database)
            throws IOException, InterruptedException {
        runner.authorize(permission, operation, environment, database);
        Configured target = configured(environment, database);
        MaintenanceGate.await(run, listener, environment);
        return target;
    }

    private <R extends Serializable> R execute(ResolvedCredentials logins, AgentWork<R> work)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new IllegalStateException("This operation needs a workspace on an agent");
        }
        FilePath temp = WorkspaceList.tempDir(workspace);
        String workDir = null;
        if (temp != null) {
            temp.mkdirs();
            workDir = temp.getRemote();
        }
        return runner.execute(workspace.getChannel(), logins, workDir, work);
    }

    private void put(ResolvedCredentials logins, Configured target, Role role) throws AbortException {
        DbCredential login = onController(() -> RunCredentials.login(run, target.environment(), target.database(),
                role));
        logins.put(target.environment().getName(), target.database().getName(), role, login);
    }

    private static Configured configured(String environmentName, String databaseName) throws AbortException {
        if (environmentName == null || databaseName == null) {
            throw new AbortException(Messages.RunbookOperations_Required());
        }
        EnvironmentConfig environment = RunbooksConfiguration.get().environment(environmentName);
        if (environment == null) {
            throw new AbortException(Messages.RunbookOperations_UnknownEnvironment(environmentName));
        }
        DatabaseConfig database = environment.database(databaseName);
        if (database == null) {
            throw new AbortException(Messages.RunbookOperations_UnknownDatabase(environmentName, databaseName));
        }
        return new Configured(environment, database);
    }

    /** Engine rules and credential lookups on the controller fail the step with their message, not a trace. */
    private static <T> T onController(Supplier<T> work) throws AbortException {
        try {
            return work.get();
        } catch (RunbookException e) {
            throw new AbortException(e.getMessage() + System.lineSeparator() + "  " + e.hint());
        }
    }

    private record Configured(EnvironmentConfig environment, DatabaseConfig database) {
    }
}
