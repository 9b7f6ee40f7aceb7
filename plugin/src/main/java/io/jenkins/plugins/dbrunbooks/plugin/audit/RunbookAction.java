package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.trend.RunbookTrendAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What a build did with Database Runbooks: a summary on the build page, a page of its own listing every
 * operation, and the same in the REST API ({@code .../database-runbooks/api/json}). The receipt of a job's last
 * successful build also puts the trend charts on the job's page.
 */
@ExportedBean
public class RunbookAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    public static final String URL_NAME = "database-runbooks";

    private final List<AuditRecord> records = new ArrayList<>();
    /** The audit hashes of the newest job and global configuration changes when the run's first step began. */
    private String jobChange;
    private String globalChange;
    private boolean pinned;
    private transient Run<?, ?> run;

    /** The action of {@code run}, added on first use. */
    public static synchronized RunbookAction of(Run<?, ?> run) {
        RunbookAction action = run.getAction(RunbookAction.class);
        if (action == null) {
            action = new RunbookAction();
            run.addAction(action);
        }
        return action;
    }

    public synchronized void addAll(List<AuditEvent> events) throws IOException {
        for (AuditEvent event : events) {
            records.add(new AuditRecord(event));
        }
        if (run != null) {
            run.save();
        }
    }

    /** Remembers the configuration in force, once: later steps of the same run do not move it. */
    public synchronized void pinConfiguration(String jobChangeHash, String globalChangeHash) {
        if (pinned) {
            return;
        }
        pinned = true;
        jobChange = jobChangeHash;
        globalChange = globalChangeHash;
        if (run != null) {
            try {
                run.save();
            } catch (IOException e) {
                // The run's next save (after its first operation) keeps it.
            }
        }
    }

    /** The audit event of the job's configuration in force when this run began its runbook work; null if none. */
    @Exported
    public synchronized String getJobChange() {
        return jobChange;
    }

    /** The audit event of the global configuration in force then; null if it never changed since auditing began. */
    @Exported
    public synchronized String getGlobalChange() {
        return globalChange;
    }

    @Exported
    public synchronized List<AuditRecord> getRecords() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-server-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.RunbookAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return run == null ? List.of() : List.of(new RunbookTrendAction(run.getParent()));
    }
}
