package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a run's operations tell the change audit, and what it tells the run back. */
public final class RunChanges {
    private static final Logger LOGGER = Logger.getLogger(RunChanges.class.getName());
    private static final String WORKFLOW_RUN = "org.jenkinsci.plugins.workflow.job.WorkflowRun";

    private RunChanges() {
    }

    /**
     * Before each operation of a run: marks its job as a runbook job, records a new Jenkinsfile revision, and
     * pins on the run's action the configuration changes in force (the first operation of the run pins them).
     */
    public static void beforeOperation(Run<?, ?> run, List<String> environments) {
        try {
            Job<?, ?> job = run.getParent();
            JobAudit.ran(job, environments);
            if (run.getClass().getName().equals(WORKFLOW_RUN)) {
                JenkinsfileAudit.check(run);
            }
            ChangeRecorder recorder = ChangeRecorder.get();
            RunbookAction.of(run).pinConfiguration(recorder.lastJobChange(job.getFullName()),
                    recorder.lastGlobalChange());
        } catch (RuntimeException | LinkageError e) {
            // Auditing the configuration must not stop the operation; the operation itself is audited anyway.
            LOGGER.log(Level.WARNING, "Cannot note the runbook configuration of " + run, e);
        }
    }
}
