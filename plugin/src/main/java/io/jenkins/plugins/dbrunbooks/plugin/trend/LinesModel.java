package io.jenkins.plugins.dbrunbooks.plugin.trend;

import java.util.List;

/**
 * A line chart as the echarts-api plugin's trend renderer reads it: the JSON its {@code LinesChartModel} is written
 * as, with the x-axis labels oldest build first, the build numbers that clicking a point opens, and one line per
 * series. Written here rather than with that model's library because the offline build cannot fetch the library;
 * the field names are the renderer's contract, which {@code LinesModelTest} pins.
 *
 * @param rangeMin the lowest value shown; null lets the chart choose
 * @param rangeMax the highest value shown; null lets the chart choose
 */
public record LinesModel(List<String> domainAxisLabels, List<Integer> buildNumbers, List<Line> series,
        String domainAxisItemName, boolean integerRangeAxis, Double rangeMin, Double rangeMax) {

    public LinesModel {
        domainAxisLabels = List.copyOf(domainAxisLabels);
        buildNumbers = List.copyOf(buildNumbers);
        series = List.copyOf(series);
    }

    public static LinesModel empty() {
        return new LinesModel(List.of(), List.of(), List.of(), "Build", false, 0.0, null);
    }

    /**
     * One line, as ECharts takes a series; {@code data} holds null where a build has no value, drawn as a gap
     * bridged by {@code connectNulls}.
     *
     * @param itemStyle its colour, as the name of a Jenkins colour variable ({@code --blue}) the renderer resolves
     */
    public record Line(String name, String type, String symbol, boolean connectNulls, List<Double> data,
            ItemStyle itemStyle) {
        public Line {
            data = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(data));
        }

        public Line(String name, String color, List<Double> data) {
            this(name, "line", "circle", true, data, new ItemStyle(color));
        }
    }

    public record ItemStyle(String color) {
    }
}
