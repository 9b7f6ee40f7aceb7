package io.jenkins.plugins.dbrunbooks.plugin.trend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The two trend charts of a runbook job, from its builds' samples: backup sizes, one line per database, in the unit
 * that suits the largest; and times in seconds, a line per database for its backups and one for its drills'
 * restores. Builds with nothing to show are left out; the charts read oldest build first.
 */
public final class RunbookTrend {
    /** Jenkins' colour variables, in the order echarts-api's own charts use them. */
    private static final List<String> COLORS = List.of("--blue", "--orange", "--green", "--purple", "--red",
            "--cyan", "--indigo", "--pink", "--brown", "--yellow");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private RunbookTrend() {
    }

    public static LinesModel sizes(List<BuildSample> newestFirst) {
        List<BuildSample> builds = oldestFirst(newestFirst, s -> !s.backupBytes().isEmpty());
        long largest = builds.stream().flatMap(b -> b.backupBytes().values().stream()).mapToLong(Long::longValue)
                .max().orElse(0);
        int unit = 0;
        while (unit < UNITS.length - 1 && largest >= 1024L << (10 * unit)) {
            unit++;
        }
        double divisor = Math.pow(1024, unit);
        List<LinesModel.Line> lines = new ArrayList<>();
        for (String database : databases(builds, BuildSample::backupBytes)) {
            lines.add(new LinesModel.Line(database + " (" + UNITS[unit] + ")", color(lines.size()),
                    values(builds, b -> b.backupBytes().get(database), divisor, 100)));
        }
        return model(builds, lines);
    }

    public static LinesModel times(List<BuildSample> newestFirst) {
        List<BuildSample> builds = oldestFirst(newestFirst, s -> !s.isEmpty());
        List<LinesModel.Line> lines = new ArrayList<>();
        for (String database : databases(builds, BuildSample::backupMillis)) {
            lines.add(new LinesModel.Line("backup " + database + " (s)", color(lines.size()),
                    values(builds, b -> b.backupMillis().get(database), 1000, 10)));
        }
        for (String database : databases(builds, BuildSample::restoreMillis)) {
            lines.add(new LinesModel.Line("drill restore " + database + " (s)", color(lines.size()),
                    values(builds, b -> b.restoreMillis().get(database), 1000, 10)));
        }
        return model(builds, lines);
    }

    /** Whether there are two builds to draw a line between. */
    public static boolean drawable(List<BuildSample> newestFirst) {
        return newestFirst.stream().filter(s -> !s.isEmpty()).limit(2).count() == 2;
    }

    private static List<BuildSample> oldestFirst(List<BuildSample> newestFirst,
            java.util.function.Predicate<BuildSample> shown) {
        List<BuildSample> builds = new ArrayList<>(newestFirst.stream().filter(shown).toList());
        java.util.Collections.reverse(builds);
        return builds;
    }

    private static TreeSet<String> databases(List<BuildSample> builds,
            Function<BuildSample, Map<String, Long>> field) {
        TreeSet<String> names = new TreeSet<>();
        builds.forEach(b -> names.addAll(field.apply(b).keySet()));
        return names;
    }

    private static List<Double> values(List<BuildSample> builds, Function<BuildSample, Long> value, double divisor,
            int rounding) {
        List<Double> data = new ArrayList<>();
        for (BuildSample b : builds) {
            Long v = value.apply(b);
            data.add(v == null ? null : Math.round(v / divisor * rounding) / (double) rounding);
        }
        return data;
    }

    private static LinesModel model(List<BuildSample> builds, List<LinesModel.Line> lines) {
        return new LinesModel(builds.stream().map(BuildSample::label).toList(),
                builds.stream().map(BuildSample::number).toList(), lines, "Build", false, 0.0, null);
    }

    private static String color(int index) {
        return COLORS.get(index % COLORS.size()).toLowerCase(Locale.ROOT);
    }
}
