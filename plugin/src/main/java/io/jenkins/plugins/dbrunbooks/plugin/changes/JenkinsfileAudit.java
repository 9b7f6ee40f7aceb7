package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.LineDiff;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.CpsFlowExecution;
import org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/**
 * A Jenkinsfile from SCM (a Pipeline job's "Pipeline script from SCM", or a multibranch project's branch) is part
 * of the runbook but not of the job's configuration: the first run that uses a step with a new revision of it
 * records that revision and a diff against the one last seen. The revision is the
 * first 12 hex digits of the SHA-256 of the script the run loaded, so it names exactly what ran, whatever the SCM.
 * Only loaded when Pipeline is installed (the caller checks the run's class).
 */
final class JenkinsfileAudit {
    private JenkinsfileAudit() {
    }

    static void check(Run<?, ?> run) {
        if (!(run instanceof WorkflowRun workflowRun)) {
            return;
        }
        FlowDefinition definition = workflowRun.getParent().getDefinition();
        if (definition == null || definition instanceof CpsFlowDefinition) {
            return; // An inline script is part of config.xml, whose changes are recorded as such.
        }
        FlowExecution execution = workflowRun.getExecution();
        if (!(execution instanceof CpsFlowExecution cps) || cps.getScript() == null) {
            return;
        }
        // A Jenkinsfile from SCM, in a Pipeline job or a multibranch project's branch job.
        String path = definition instanceof CpsScmFlowDefinition scm ? scm.getScriptPath() : "Jenkinsfile";
        synchronized (JobAudit.class) {
            record(workflowRun, path, cps.getScript());
        }
    }

    private static void record(WorkflowRun workflowRun, String path, String script) {
        String revision = revision(script);
        RunbookJobStore store = RunbookJobStore.get();
        String job = workflowRun.getParent().getFullName();
        RunbookJob known = store.find(job).orElseGet(() -> new RunbookJob(job, JobAudit.maskedConfig(
                workflowRun.getParent()), List.of(), null, null));
        if (revision.equals(known.jenkinsfileRevision())) {
            return;
        }
        String masked = SecretMasker.maskText(script);
        List<String> environments = known.environmentsWith(ChangeRecorder.references(masked).environments());
        ChangeRecorder.get().record(ConfigChange.job(ConfigChange.Action.JENKINSFILE, job, null, environments,
                LineDiff.unified("a/" + path, known.jenkinsfile(), "b/" + path, masked), revision));
        store.put(known.withEnvironments(environments).withJenkinsfile(revision, masked));
    }

    static String revision(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
