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
 * deleted whatever the rules say. Safety backups are counted apart, so restores never push a regular backup out:
 * the last {@code keepSafetyBackups} of them stay.
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
        List<Manifest> regular = newestFirst.stream().filter(m -> !m.safetyBackup()).toList();
        List<Manifest> safety = newestFirst.stream().filter(Manifest::safetyBackup).toList();
        if (!retention.keepsEverything()) {
            for (int i = 0; i < regular.size(); i++) {
                Manifest backup = regular.get(i);
                boolean keptByCount = retention.keepLast() > 0 && i < retention.keepLast();
                boolean keptByAge = retention.maxAgeDays() > 0 && Duration.between(backup.startedAt(), now)
                        .compareTo(Duration.ofDays(retention.maxAgeDays())) < 0;
                if (!keptByCount && !keptByAge && !backup.id().equals(newestVerifiedId)) {
                    doomed.add(backup);
                }
            }
        }
        if (retention.keepSafetyBackups() > 0 && safety.size() > retention.keepSafetyBackups()) {
            safety.subList(retention.keepSafetyBackups(), safety.size()).stream()
                    .filter(m -> !m.id().equals(newestVerifiedId)).forEach(doomed::add);
        }
        return newestFirst.stream().filter(doomed::contains).toList();
    }
}
