package io.jenkins.plugins.dbrunbooks.plugin.trend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.echarts.AsyncConfigurableTrendChart;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * One trend chart of a runbook job, rendered by echarts-api's {@code trend-chart} tag, which fetches its model
 * through {@link #getConfigurableBuildTrendModel(String)} once the page has loaded (the tag's script calls that
 * one, configuration dialog or not). Clicking a point opens that build's receipt.
 */
public final class TrendChart implements AsyncConfigurableTrendChart, AsyncTrendChart {
    /** How many builds are read back from the newest, at most; echarts-api's own charts stop at 50 too. */
    static final int MAX_BUILDS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Job<?, ?> job;
    private final Function<List<BuildSample>, LinesModel> chart;

    TrendChart(Job<?, ?> job, Function<List<BuildSample>, LinesModel> chart) {
        this.job = job;
        this.chart = chart;
    }

    /** The page of a build that a click on its point opens, relative to the build. */
    public String getUrlName() {
        return RunbookAction.URL_NAME;
    }

    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        // The bound proxy may outlive the page; whoever calls it must still be allowed to see the job.
        job.checkPermission(Item.READ);
        try {
            return JSON.writeValueAsString(chart.apply(samples(job)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The trend model cannot be written as JSON", e);
        }
    }

    /** The same model: these charts have no settings of their own, so the dialog's configuration is ignored. */
    @JavaScriptMethod
    @Override
    public String getConfigurableBuildTrendModel(String configuration) {
        return getBuildTrendModel();
    }

    @Override
    public boolean isTrendVisible() {
        return RunbookTrend.drawable(samples(job));
    }

    /** The samples of the job's completed builds, newest first. */
    static List<BuildSample> samples(Job<?, ?> job) {
        List<BuildSample> samples = new ArrayList<>();
        Run<?, ?> run = job.getLastCompletedBuild();
        for (int read = 0; run != null && read < MAX_BUILDS; read++, run = run.getPreviousBuild()) {
            RunbookAction action = run.getAction(RunbookAction.class);
            if (action != null) {
                samples.add(BuildSample.of(run.getNumber(), run.getDisplayName(), action.getRecords()));
            }
        }
        return samples;
    }
}
