package io.jenkins.plugins.dbrunbooks.plugin.status;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.dbrunbooks.engine.status.DatabaseStatus;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Database backups missed their recovery targets": shown while any database with a target set is late, failed its
 * drill, or has no backup. Only databases that have a target count, so an installation that sets none is never
 * nagged. The table is recomputed at most once a minute, since this is asked on every page an administrator opens.
 */
@Extension
public class TargetsMissedMonitor extends AdministrativeMonitor {
    private static final Duration FRESH = Duration.ofMinutes(1);
    private transient volatile Cached cached;

    private record Cached(Instant at, List<DatabaseStatus> missed) {
    }

    @Override
    public String getDisplayName() {
        return Messages.TargetsMissedMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return !getMissed().isEmpty();
    }

    public List<DatabaseStatus> getMissed() {
        Cached c = cached;
        if (c == null || c.at().plus(FRESH).isBefore(Instant.now())) {
            StatusReport report = BackupStatusTable.now();
            c = new Cached(Instant.now(), report.databases().stream()
                    .filter(s -> s.targets().any() && s.targetMissed()).toList());
            cached = c;
        }
        return c.missed();
    }

    public String getPageUrl() {
        return BackupStatusAction.URL;
    }
}
