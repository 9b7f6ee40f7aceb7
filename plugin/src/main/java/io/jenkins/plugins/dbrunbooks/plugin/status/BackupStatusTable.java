package io.jenkins.plugins.dbrunbooks.plugin.status;

import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.status.AuditObservations;
import io.jenkins.plugins.dbrunbooks.engine.status.DatabaseStatus;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusEvaluator;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status table as the controller knows it: from its audit trail, which every build's backups and drills
 * reach, so it needs no agent and no access to the stores. A configuration the engine refuses gives no table.
 */
public final class BackupStatusTable {
    /** How far back the trail is read: enough operations to reach a week of nightly work on many databases. */
    static final int EVENTS = 20_000;

    private BackupStatusTable() {
    }

    public static StatusReport now() {
        try {
            return AuditObservations.report(RunbooksConfiguration.get().toEngine(),
                    AuditTrail.get().recentOperations(EVENTS), Instant.now());
        } catch (RunbookException e) {
            return new StatusReport(Instant.now(), List.of());
        }
    }

    /** A row as the page shows it. */
    public record Row(DatabaseStatus status) {
        public String getEnvironment() {
            return status.environment();
        }

        public String getDatabase() {
            return status.database();
        }

        public String getState() {
            return status.state().id();
        }

        public boolean isOk() {
            return !status.targetMissed();
        }

        public String getNewestBackup() {
            return status.observed().newestBackupId() == null ? "-" : status.observed().newestBackupId();
        }

        public String getBackupAge() {
            return age(status.backupAge(), status.targets().maxBackupAge());
        }

        public String getNewestDrill() {
            if (status.observed().newestDrillAt() == null) {
                return "-";
            }
            boolean passed = status.observed().drillPassed();
            return (passed ? "passed " : "FAILED ") + status.observed().drillBackupId()
                    + (passed && !status.observed().drillCheckedData() ? " (data not checked)" : "");
        }

        public String getDrillAge() {
            return age(status.drillAge(), status.targets().maxDrillAge());
        }

        public String getRestoreTime() {
            return age(status.observed().restoreTime(), status.targets().maxRestoreTime());
        }

        public String getWhy() {
            return String.join("; ", status.missed());
        }

        private static String age(Duration value, Duration target) {
            return (value == null ? "-" : StatusEvaluator.human(value))
                    + (target == null ? "" : " (max " + RecoveryTargets.format(target) + ")");
        }
    }

    static List<Row> rows(StatusReport report) {
        return report.databases().stream().map(Row::new).toList();
    }
}
