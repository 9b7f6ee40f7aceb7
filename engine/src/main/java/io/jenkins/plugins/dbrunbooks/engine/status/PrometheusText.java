package io.jenkins.plugins.dbrunbooks.engine.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The status table in the Prometheus text exposition format (version 0.0.4), as node_exporter's textfile
 * collector reads it. A value not known (no backup, no drill, no target) is left out rather than given as 0, so an
 * alert on it cannot mistake "never" for "just now".
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    private record Metric(String name, String help, Function<DatabaseStatus, Double> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("dbrunbooks_last_backup_timestamp_seconds", "When the newest backup finished (Unix time).",
                    s -> seconds(s.observed().newestBackupAt())),
            new Metric("dbrunbooks_backup_age_seconds", "Age of the newest backup.", s -> seconds(s.backupAge())),
            new Metric("dbrunbooks_last_drill_timestamp_seconds", "When the newest restore drill finished (Unix time).",
                    s -> seconds(s.observed().newestDrillAt())),
            new Metric("dbrunbooks_drill_age_seconds", "Age of the newest restore drill.", s -> seconds(s.drillAge())),
            new Metric("dbrunbooks_last_drill_passed", "1 if the newest restore drill passed, 0 if it failed.",
                    s -> s.observed().newestDrillAt() == null ? null : s.observed().drillPassed() ? 1.0 : 0.0),
            new Metric("dbrunbooks_drill_restore_seconds", "How long the newest passed drill took to restore.",
                    s -> seconds(s.observed().restoreTime())),
            new Metric("dbrunbooks_target_backup_age_seconds", "Target: maximum age of the newest backup.",
                    s -> seconds(s.targets().maxBackupAge())),
            new Metric("dbrunbooks_target_drill_age_seconds", "Target: maximum age of the newest drill.",
                    s -> seconds(s.targets().maxDrillAge())),
            new Metric("dbrunbooks_target_restore_seconds", "Target: maximum restore time of a drill.",
                    s -> seconds(s.targets().maxRestoreTime())),
            new Metric("dbrunbooks_target_missed", "1 if a target is missed, the drill failed or no backup exists.",
                    s -> s.targetMissed() ? 1.0 : 0.0));

    public static String of(StatusReport report) {
        StringBuilder out = new StringBuilder();
        for (Metric metric : METRICS) {
            out.append("# HELP ").append(metric.name()).append(' ').append(metric.help()).append('\n');
            out.append("# TYPE ").append(metric.name()).append(" gauge\n");
            for (DatabaseStatus row : report.databases()) {
                Double value = metric.value().apply(row);
                if (value != null) {
                    out.append(metric.name()).append("{environment=\"").append(label(row.environment()))
                            .append("\",database=\"").append(label(row.database())).append("\"} ")
                            .append(number(value)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static Double seconds(Instant t) {
        return t == null ? null : t.toEpochMilli() / 1000.0;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Label values escape backslash, double quote and line feed. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
