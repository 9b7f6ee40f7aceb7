package io.jenkins.plugins.dbrunbooks.plugin.trend;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.status.AuditObservations;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one build's receipt says for the trend charts, per {@code environment/database}: the size and duration of
 * its backup (the last one, where a build took several; safety backups left out) and how long its drill's restore
 * took (drills that passed only, as a failed restore has no time worth drawing).
 */
public record BuildSample(int number, String label, Map<String, Long> backupBytes, Map<String, Long> backupMillis,
        Map<String, Long> restoreMillis) {

    public BuildSample {
        backupBytes = Map.copyOf(backupBytes);
        backupMillis = Map.copyOf(backupMillis);
        restoreMillis = Map.copyOf(restoreMillis);
    }

    public static BuildSample of(int number, String label, List<AuditRecord> records) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> restores = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            if (!"SUCCESS".equals(r.getOutcome()) || r.getEnvironment() == null || r.getDatabase() == null) {
                continue;
            }
            String key = r.getEnvironment() + "/" + r.getDatabase();
            if ("backup".equals(r.getOperation()) && !Manifest.SAFETY_LABEL.equals(r.getMessage())) {
                bytes.put(key, r.getBytes());
                millis.put(key, r.getDurationMillis());
            } else if ("drill".equals(r.getOperation())) {
                Duration restore = AuditObservations.restoreTime(r.getMessage());
                if (restore != null) {
                    restores.put(key, restore.toMillis());
                }
            }
        }
        return new BuildSample(number, label, bytes, millis, restores);
    }

    public boolean isEmpty() {
        return backupBytes.isEmpty() && restoreMillis.isEmpty();
    }
}
