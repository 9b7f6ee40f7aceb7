package io.jenkins.plugins.dbrunbooks.plugin.runner;

import hudson.model.TaskListener;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Actor;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.ResolvedCredentials;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs engine work on the agent. The configuration and the resolved logins travel inside this callable and
 * nowhere else; the engine reports to the build log through the remoted listener. An interrupted build
 * interrupts this thread on the agent, which stops the database tool and removes any partial backup.
 */
final class RunbookCallable<R extends Serializable> extends MasterToSlaveCallable<AgentOutcome<R>, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final RunbookConfig config;
    private final ResolvedCredentials credentials;
    private final Actor actor;
    private final TaskListener listener;
    private final String workDir;
    private final AgentWork<R> work;

    RunbookCallable(RunbookConfig config, ResolvedCredentials credentials, Actor actor, TaskListener listener,
            String workDir, AgentWork<R> work) {
        this.config = config;
        this.credentials = credentials;
        this.actor = actor;
        this.listener = listener;
        this.workDir = workDir;
        this.work = work;
    }

    @Override
    public AgentOutcome<R> call() {
        List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunbookContext context = RunbookContext.of(config, credentials, credentials, new LogListener(listener),
                events::add, actor);
        if (workDir != null) {
            context = context.withWorkDir(Path.of(workDir));
        }
        try {
            return new AgentOutcome<>(work.run(context), null, null, null, List.copyOf(events));
        } catch (RunbookException e) {
            return new AgentOutcome<>(null, e.kind(), e.getMessage(), e.hint(), List.copyOf(events));
        }
    }
}
