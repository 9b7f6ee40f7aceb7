package io.jenkins.plugins.echarts;

import org.kohsuke.stapler.bind.JavaScriptMethod;

public interface AsyncConfigurableTrendChart {
    @JavaScriptMethod
    String getConfigurableBuildTrendModel(String configuration);

    boolean isTrendVisible();
}
