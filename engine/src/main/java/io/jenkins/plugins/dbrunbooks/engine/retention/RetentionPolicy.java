package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which backups a retention keeps; pure logic. A backup stays when any rule keeps it: it is among the last
 * {@code keepLast}, or younger than {@code maxAgeDays}, or it is the newest verified backup, which is never
 * deleted whatever the rules say.
 */
public final class RetentionPolicy {
    private RetentionPolicy() {
    }

    /**
     * @param newestFirst backups of one database, newest first
     * @param newestVerifiedId the id of the newest backup that passed verification, or null
     * @return the backups to delete, newest first
     */
    public static List<Manifest> toDelete(List<Manifest> newestFirst, Retention retention, Instant now,
            String newestVerifiedId) {
        List<Manifest> doomed = new ArrayList<>();
        if (retention.keepsEverything()) {
            return doomed;
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            Manifest backup = newestFirst.get(i);
            boolean keptByCount = retention.keepLast() > 0 && i < retention.keepLast();
            boolean keptByAge = retention.maxAgeDays() > 0
                    && Duration.between(backup.startedAt(), now).compareTo(Duration.ofDays(retention.maxAgeDays())) < 0;
            boolean newestVerified = backup.id().equals(newestVerifiedId);
            if (!keptByCount && !keptByAge && !newestVerified) {
                doomed.add(backup);
            }
        }
        return doomed;
    }
}
