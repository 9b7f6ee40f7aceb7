package io.jenkins.plugins.dbrunbooks.engine.status;

import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what was observed of a database and its targets into a state, with no I/O, so the CLI (reading stores)
 * and Jenkins (reading its audit trail) judge alike. {@code never} wins over {@code failed}, which wins over
 * {@code late}: the worst news is what a person reads first.
 */
public final class StatusEvaluator {
    private StatusEvaluator() {
    }

    public static DatabaseStatus evaluate(String environment, String database, Observed seen,
            RecoveryTargets targets, Instant now) {
        Duration backupAge = seen.newestBackupAt() == null ? null : Duration.between(seen.newestBackupAt(), now);
        Duration drillAge = seen.newestDrillAt() == null ? null : Duration.between(seen.newestDrillAt(), now);
        List<String> missed = new ArrayList<>();
        DatabaseStatus.State state = DatabaseStatus.State.OK;
        if (seen.newestBackupAt() == null) {
            missed.add("no backup yet");
            state = DatabaseStatus.State.NEVER;
        } else if (targets.maxBackupAge() != null && backupAge.compareTo(targets.maxBackupAge()) > 0) {
            missed.add("newest backup is " + human(backupAge) + " old; the target is "
                    + RecoveryTargets.format(targets.maxBackupAge()));
            state = DatabaseStatus.State.LATE;
        }
        if (seen.newestDrillAt() != null && !seen.drillPassed()) {
            missed.add("the newest drill, of backup " + seen.drillBackupId() + ", failed");
            state = worse(state, DatabaseStatus.State.FAILED);
        }
        if (targets.maxDrillAge() != null) {
            if (seen.newestDrillAt() == null) {
                missed.add("no drill yet; the target is one every " + RecoveryTargets.format(targets.maxDrillAge()));
                state = worse(state, DatabaseStatus.State.LATE);
            } else if (drillAge.compareTo(targets.maxDrillAge()) > 0) {
                missed.add("newest drill is " + human(drillAge) + " old; the target is "
                        + RecoveryTargets.format(targets.maxDrillAge()));
                state = worse(state, DatabaseStatus.State.LATE);
            }
        }
        if (targets.maxRestoreTime() != null && seen.restoreTime() != null
                && seen.restoreTime().compareTo(targets.maxRestoreTime()) > 0) {
            missed.add("the last drill restored in " + human(seen.restoreTime()) + "; the target is "
                    + RecoveryTargets.format(targets.maxRestoreTime()));
            state = worse(state, DatabaseStatus.State.LATE);
        }
        return new DatabaseStatus(environment, database, seen, backupAge, drillAge, targets, state, missed);
    }

    private static DatabaseStatus.State worse(DatabaseStatus.State a, DatabaseStatus.State b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(DatabaseStatus.State s) {
        return switch (s) {
            case OK -> 0;
            case LATE -> 1;
            case FAILED -> 2;
            case NEVER -> 3;
        };
    }

    /** A duration for people: {@code 3d 4h}, {@code 5h 12m}, {@code 7m 3s}, {@code 12s}. */
    public static String human(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.getSeconds());
        if (s >= 86400) {
            return s / 86400 + "d " + s % 86400 / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }
}
