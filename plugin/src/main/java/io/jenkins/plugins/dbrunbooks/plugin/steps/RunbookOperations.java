package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.Permission;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSinceRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.RetentionOverride;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopy;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillTarget;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
    private GateObserver gate = GateObserver.NONE;

    /** @param workspace where the work runs; may be null only for {@link #login}, which runs nothing */
    public RunbookOperations(Run<?, ?> run, FilePath workspace, TaskListener listener) {
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
        this.runner = new RunbookRunner(run, listener);
    }

    /**
     * What a Pipeline step learns of the maintenance gate: that it waits there, when a restart may safely end the
     * wait, and that it has passed, before any work begins.
     */
    public interface GateObserver {
        GateObserver NONE = new GateObserver() {
            @Override
            public void waiting() {
            }

            @Override
            public void passed() {
            }
        };

        void waiting();

        void passed() throws IOException, InterruptedException;
    }

    /** Tells {@code observer} about the maintenance gate of the operations called after this. */
    public RunbookOperations observingGate(GateObserver observer) {
        this.gate = observer;
        return this;
    }

    public BackupResult backup(BackupSpec spec) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "backup", spec.getEnvironment(),
                spec.getDatabase());
        return execute(resolve(target, Logins.backup()), new BackupWork(spec.toRequest()));
    }

    public RestoreResult restore(RestoreSpec spec) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.RESTORE, "restore", spec.getEnvironment(),
                spec.getDatabase());
        Configured source = configured(spec.sourceEnvironment(), spec.sourceDatabase());
        SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, source.environment()));
        RestoreRequest request = spec.toRequest(identity);
        Set<Role> roles = onController(() -> Logins.restore(target.database().toEngine(), request.intoNewDatabase(),
                request.safetyBackup()));
        return execute(resolve(target, roles).withObjectStore(objectStoreKey(source)), new RestoreWork(request));
    }

    public VerificationReport verify(String environment, String database, String backup)
            throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "verify", environment, database);
        SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, target.environment()));
        return execute(resolve(target, Logins.readBackups()), new VerifyWork(new VerifyRequest(environment, database,
                backup, identity)));
    }

    /**
     * A restore drill: needs Restore, since it creates a database on the drill target's server, and logs in there
     * as the drill target's restore login only.
     */
    public DrillRecord drill(DrillSpec spec) throws IOException, InterruptedException {
        Configured source = authorized(RunbookPermissions.RESTORE, "drill", spec.getEnvironment(),
                spec.getDatabase());
        RunbookConfig config = runner.config();
        DrillTarget where = onController(() -> DrillTarget.of(config, config.environment(spec.getEnvironment()),
                spec.getDatabase()));
        Configured target = configured(where.environment(), where.database());
        SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, source.environment()));
        return execute(resolve(target, Logins.drill()).withObjectStore(objectStoreKey(source)),
                new DrillWork(spec.toRequest(identity)));
    }

    /** The status table of every environment, or of one; reads the stores only, so it needs no login. */
    public StatusReport status(String environment) throws IOException, InterruptedException {
        runner.authorize(RunbookPermissions.BACKUP, "status", environment, null);
        if (environment != null && RunbooksConfiguration.get().environment(environment) == null) {
            throw new AbortException(Messages.RunbookOperations_UnknownEnvironment(environment));
        }
        ResolvedCredentials keys = new ResolvedCredentials();
        for (EnvironmentConfig each : RunbooksConfiguration.get().getEnvironments()) {
            if (environment == null || environment.equals(each.getName())) {
                keys.withObjectStore(objectStoreKey(new Configured(each, null)));
            }
        }
        return execute(keys, new StatusWork(environment));
    }

    /** What was written to a database since one of its backups, read from the database with its backup login. */
    public ChangesSince changesSince(String environment, String database, String backup)
            throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "changes-since", environment, database);
        return execute(resolve(target, EnumSet.of(Logins.changesSince())),
                new ChangesSinceWork(new ChangesSinceRequest(environment, database, backup)));
    }

    /** The backups with how far each was proven (one proof per backup, in the listing's order). */
    ListWork.Proven list(String environment, String database) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "list", environment, database);
        return execute(resolve(target, Logins.readBackups()), new ListWork(environment, database));
    }

    /**
     * Prunes with the environment's retention, each of {@code keepLast} and {@code maxAgeDays} replacing its own
     * half where it is not null.
     */
    public PruneResult prune(String environment, String database, Integer keepLast, Integer maxAgeDays,
            boolean dryRun) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.BACKUP, "prune", environment, database);
        RetentionOverride override = onController(() -> new RetentionOverride(keepLast, maxAgeDays));
        return execute(resolve(target, Logins.readBackups()), new PruneWork(new PruneRequest(environment, database,
                override, dryRun)));
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

    /** What {@link #copy} hands a new scratch copy to: binding it for the build. */
    @FunctionalInterface
    public interface CopyBinding {
        void bind(ScratchCopy copy, DatabaseLogin login) throws IOException, InterruptedException;
    }

    /** The engine's request for a scratch copy of this build, naming the new database before it exists. */
    public ScratchCopyRequest copyRequest(CopySpec spec) throws AbortException {
        return onController(() -> spec.toRequest(run.getNumber()));
    }

    /**
     * Makes the scratch copy as the engine does and hands it, with the login it was made with, to {@code binding}.
     * From then on the build owns it and drops it with {@link #drop}; if binding fails, it is dropped at once.
     * A copy of a live database needs, besides Restore on the target, what a backup of the source needs: Backup
     * there, and its backup login, which reads it.
     */
    public ScratchCopy copy(ScratchCopyRequest request, CopyBinding binding) throws IOException, InterruptedException {
        Configured target = authorized(RunbookPermissions.RESTORE, "restore", request.environment(),
                request.database());
        ScratchCopy copy;
        if (request.live()) {
            Configured source = authorized(RunbookPermissions.BACKUP, "backup", request.sourceEnvironment(),
                    request.sourceDatabase());
            ResolvedCredentials logins = resolve(target, EnumSet.of(Logins.scratchCopy()));
            DbCredential reader = onController(() -> RunCredentials.login(run, source.environment(),
                    source.database(), Role.BACKUP));
            logins.put(source.environment().getName(), source.database().getName(), Role.BACKUP, reader);
            copy = execute(logins, new CopyWork(request));
        } else {
            Configured source = configured(request.sourceEnvironment(), request.sourceDatabase());
            SecretValue identity = onController(() -> RunCredentials.ageIdentity(run, source.environment()));
            copy = execute(resolve(target, EnumSet.of(Logins.scratchCopy())).withObjectStore(objectStoreKey(source)),
                    new CopyWork(request.withIdentity(identity)));
        }
        try {
            DbCredential login = onController(() -> RunCredentials.login(run, target.environment(),
                    target.database(), Logins.scratchCopy()));
            binding.bind(copy, new DatabaseLogin(copy.jdbcUrl(), login));
            return copy;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            try {
                drop(copy.environment(), copy.database(), copy.name());
            } catch (IOException | InterruptedException | RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    /**
     * Drops a scratch database made by {@link #copy}. No permission check: the build was allowed to make it, and
     * cleaning up must not depend on a permission withdrawn in the meantime.
     */
    public void drop(String environment, String database, String scratchName)
            throws IOException, InterruptedException {
        Configured target = configured(environment, database);
        execute(resolve(target, EnumSet.of(Logins.scratchCopy())), new DropWork(environment, database, scratchName));
    }

    /** Checks the permission, then waits while the environment is in maintenance for this build. */
    private Configured authorized(Permission permission, String operation, String environment, String database)
            throws IOException, InterruptedException {
        runner.authorize(permission, operation, environment, database);
        Configured target = configured(environment, database);
        MaintenanceGate.await(run, listener, environment, gate::waiting);
        gate.passed();
        return target;
    }

    private <R extends Serializable> R execute(ResolvedCredentials logins, AgentWork<R> work)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new IllegalStateException("This operation needs a workspace on an agent");
        }
        return runner.execute(workspace.getChannel(), logins, workDir(), work);
    }

    /**
     * One working directory for the agent's workspaces rather than one per job, so that whatever a killed run left
     * there (a decrypted copy, a password file, the note of a database to drop) goes with the next run of any job on
     * the agent, not only of the same job. A workspace whose parent cannot hold it (a custom {@code ws} at the top
     * of a disk) keeps its own.
     */
    private String workDir() throws IOException, InterruptedException {
        FilePath workspaces = workspace.getParent();
        FilePath shared = workspaces == null ? null : WorkspaceList.tempDir(workspaces);
        if (shared != null) {
            try {
                shared.mkdirs();
                return shared.getRemote();
            } catch (IOException e) {
                // Falls back to the job's own below.
            }
        }
        FilePath own = WorkspaceList.tempDir(workspace);
        if (own == null) {
            return null;
        }
        own.mkdirs();
        return own.getRemote();
    }

    /**
     * Looks up exactly the logins the engine says the operation needs, and no other, with the key of the target
     * environment's object store if it has one.
     */
    private ResolvedCredentials resolve(Configured target, Set<Role> roles) throws AbortException {
        ResolvedCredentials logins = new ResolvedCredentials().withObjectStore(objectStoreKey(target));
        for (Role role : roles) {
            DbCredential login = onController(() -> RunCredentials.login(run, target.environment(),
                    target.database(), role));
            logins.put(target.environment().getName(), target.database().getName(), role, login);
        }
        return logins;
    }

    /** The object-store key of the environment, or null where it has none to look up. */
    private ResolvedCredentials.ObjectStoreKey objectStoreKey(Configured configured) throws AbortException {
        EnvironmentConfig environment = configured.environment();
        if (environment.getObjectStoreCredentialsId() == null) {
            return null;
        }
        return new ResolvedCredentials.ObjectStoreKey(environment.getName(),
                onController(() -> RunCredentials.objectStoreKey(run, environment)));
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
