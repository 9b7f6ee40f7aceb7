package io.jenkins.plugins.dbrunbooks.plugin.trend;

import hudson.model.Action;
import hudson.model.Job;

/**
 * The trend charts on a runbook job's page (its {@code floatingBox.jelly}): backup sizes, and backup and drill
 * restore times, over the job's builds. Added to the job by the receipt of its last successful build.
 */
public final class RunbookTrendAction implements Action {
    private final Job<?, ?> job;

    public RunbookTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public TrendChart getSizeChart() {
        return new TrendChart(job, RunbookTrend::sizes);
    }

    public TrendChart getTimeChart() {
        return new TrendChart(job, RunbookTrend::times);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
