package io.jenkins.plugins.dbrunbooks.plugin.audit;

import io.jenkins.plugins.dbrunbooks.engine.audit.RunbookJobs;
import java.util.List;

/** One row of the audit page's overview of runbook jobs ({@link RunbookJobs.Summary}) as Jelly reads it. */
public final class RunbookJobSummary {
    private final RunbookJobs.Summary summary;

    RunbookJobSummary(RunbookJobs.Summary summary) {
        this.summary = summary;
    }

    public String getJob() {
        return summary.job();
    }

    /** What its builds did, as "restore prod", "backup qa". */
    public List<String> getOperations() {
        return summary.operations();
    }

    public List<String> getEnvironments() {
        return summary.environments();
    }

    /** Its newest configuration change; null if only its runs were recorded. */
    public AuditRecord getLastChange() {
        return summary.lastChange() == null ? null : new AuditRecord(summary.lastChange());
    }
}
