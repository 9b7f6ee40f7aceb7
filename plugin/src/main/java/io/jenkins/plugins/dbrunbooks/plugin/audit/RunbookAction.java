package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.drill.Proof;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.trend.RunbookTrendAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The operations that name a backup whose proof a receipt shows. */
    private static final Set<String> PROVING = Set.of("backup", "verify", "drill");
    /** How many audit events about the build's backups are read back, newest first. */
    private static final int TRAIL_EVENTS = 500;

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

    /**
     * Each backup this build took, verified or drilled, and the level it has reached by now: later builds' drills
     * and verifications count, read from the controller's audit trail, so nothing is asked of the agent that holds
     * the backups. Without the trail (it could not be written) the build's own events stand for it.
     */
    @Exported
    public List<BackupProof> getBackups() {
        Map<String, AuditRecord> touched = new LinkedHashMap<>();
        for (AuditRecord r : getRecords()) {
            if (r.getBackupId() != null && PROVING.contains(r.getOperation()) && r.getChange() == null) {
                touched.putIfAbsent(r.getBackupId(), r);
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        List<AuditEvent> newestFirst = new ArrayList<>();
        AuditTrail.get().recent(TRAIL_EVENTS, e -> touched.containsKey(e.backupId()))
                .forEach(entry -> newestFirst.add(entry.event()));
        List<AuditRecord> own = new ArrayList<>(getRecords());
        Collections.reverse(own);
        own.forEach(r -> newestFirst.add(r.event()));
        List<BackupProof> proofs = new ArrayList<>();
        touched.forEach((id, r) -> proofs.add(new BackupProof(r.getEnvironment(), r.getDatabase(), id,
                Proof.fromAudit(id, newestFirst))));
        return proofs;
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
