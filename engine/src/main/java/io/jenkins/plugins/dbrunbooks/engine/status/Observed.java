package io.jenkins.plugins.dbrunbooks.engine.status;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What is known of one database's backups, from its store or from an audit trail: the newest backup that is not a
 * safety backup, and the newest finished drill.
 *
 * @param drillPassed whether the newest drill passed; meaningless without one
 * @param drillCheckedData whether that drill also compared the restored data with the backup's fingerprints; a
 *     drill of a backup taken with fingerprints turned off passes on the restore and row counts alone
 * @param restoreTime how long the newest passed drill took to restore; null without one
 */
public record Observed(String newestBackupId, Instant newestBackupAt, Instant newestDrillAt, String drillBackupId,
        boolean drillPassed, boolean drillCheckedData, Duration restoreTime) implements Serializable {
    public static final Observed NOTHING = new Observed(null, null, null, null, false, false, null);
}
