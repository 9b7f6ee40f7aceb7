package io.jenkins.plugins.dbrunbooks.plugin.runner;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Actor;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.changes.RunChanges;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.ResolvedCredentials;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunAuthorization;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The controller's side of every runbook operation, for steps, builders and wrappers alike: check that the build
 * may do it, resolve the logins in the build's context, run the engine on the agent, and record what happened
 * on the build and in the audit trail, whether it worked or not.
 */
public final class RunbookRunner {
    private final Run<?, ?> run;
    private final TaskListener listener;

    public RunbookRunner(Run<?, ?> run, TaskListener listener) {
        this.run = run;
        this.listener = listener;
    }

    /**
     * Who is recorded in audit events: the user who started the build, through upstream builds, or else the
     * authentication the build runs as (SYSTEM, or the user Authorize Project names).
     */
    public Actor actor() {
        String user = RunAuthorization.startedBy(run)
                .orElseGet(() -> RunAuthorization.authenticationOf(run).getName());
        return new Actor(user, run.getExternalizableId());
    }

    /**
     * Refuses the operation, with an audit event, unless both the build's authentication and the user who started
     * it (if one did) hold {@code permission} on the job.
     */
    public void authorize(Permission permission, String operation, String environment, String database)
            throws IOException {
        RunChanges.beforeOperation(run, environment == null ? List.of() : List.of(environment));
        Optional<String> refusal = RunAuthorization.refusal(run, permission, run.getParent());
        if (refusal.isPresent()) {
            Actor actor = actor();
            record(List.of(new AuditEvent(Instant.now(), actor.user(), actor.build(), operation, environment,
                    database, null, null, AuditEvent.Outcome.REFUSED, 0, 0, refusal.get())));
            throw new AbortException(refusal.get());
        }
    }

    /** The configuration as the engine sees it; a broken configuration fails the step with its message. */
    public RunbookConfig config() throws AbortException {
        try {
            return RunbooksConfiguration.get().toEngine();
        } catch (RunbookException e) {
            throw new AbortException(e.getMessage() + System.lineSeparator() + e.hint());
        }
    }

    /**
     * Runs {@code work} on the agent behind {@code channel}.
     *
     * @param workDir where the engine keeps private working files on the agent, or null for its temp directory
     */
    public <R extends Serializable> R execute(VirtualChannel channel, ResolvedCredentials credentials,
            String workDir, AgentWork<R> work) throws IOException, InterruptedException {
        AgentOutcome<R> outcome = channel.call(
                new RunbookCallable<>(config(), credentials, actor(), listener, workDir, work));
        record(outcome.events());
        if (outcome.errorKind() != null) {
            throw new AbortException(outcome.errorMessage() + System.lineSeparator() + "  " + outcome.errorHint());
        }
        return outcome.result();
    }

    private void record(List<AuditEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        RunbookAction.of(run).addAll(events);
        AuditTrail.get().recordAll(events);
    }
}
