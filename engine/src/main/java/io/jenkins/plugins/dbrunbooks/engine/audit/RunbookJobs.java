package io.jenkins.plugins.dbrunbooks.engine.audit;

import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The runbook jobs an audit log knows, each with what its builds did on which environment and its newest
 * configuration change, so "who last changed the job that restores prod?" is one look. Renames and moves carry
 * a job's history to its new name; a deleted job drops out.
 */
public final class RunbookJobs {
    private RunbookJobs() {
    }

    /**
     * One job.
     *
     * @param job its full name
     * @param operations what its builds did, as "restore prod", sorted
     * @param environments every environment its builds used or its configuration named, sorted
     * @param lastChange its newest configuration change; null if only its runs were recorded
     */
    public record Summary(String job, List<String> operations, List<String> environments, AuditEntry lastChange) {
    }

    /**
     * The jobs of the whole log, read once, newest change first; with {@code environment} set only those that
     * concern it. Events that {@code visible} rejects are left out as if they were not there.
     */
    public static List<Summary> of(Path log, String environment, Predicate<AuditEvent> visible) {
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        Map<String, Set<String>> environments = new LinkedHashMap<>();
        Map<String, AuditEntry> changes = new LinkedHashMap<>();
        AuditLog.forEach(log, entry -> {
            AuditEvent event = entry.event();
            String job = event.job();
            if (job == null || !visible.test(event)) {
                return;
            }
            ConfigChange change = event.change();
            if (change != null && change.previousName() != null && change.action() != ConfigChange.Action.COPIED) {
                move(operations, change.previousName(), job);
                move(environments, change.previousName(), job);
                changes.remove(change.previousName());
            }
            if (change != null && change.action() == ConfigChange.Action.DELETED) {
                operations.remove(job);
                environments.remove(job);
                changes.remove(job);
                return;
            }
            operations.computeIfAbsent(job, j -> new TreeSet<>());
            Set<String> named = environments.computeIfAbsent(job, j -> new TreeSet<>());
            if (change == null) {
                if (event.environment() != null && !event.environment().isEmpty()) {
                    operations.get(job).add(event.operation() + " " + event.environment());
                    named.add(event.environment());
                }
            } else {
                named.addAll(change.environments());
                changes.put(job, entry);
            }
        });
        List<Summary> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> job : environments.entrySet()) {
            if (environment != null && !environment.isBlank() && !job.getValue().contains(environment)) {
                continue;
            }
            rows.add(new Summary(job.getKey(), List.copyOf(operations.get(job.getKey())),
                    List.copyOf(job.getValue()), changes.get(job.getKey())));
        }
        rows.sort(Comparator.comparing((Summary s) -> s.lastChange() == null ? java.time.Instant.EPOCH
                : s.lastChange().event().time()).reversed().thenComparing(Summary::job));
        return rows;
    }

    private static void move(Map<String, Set<String>> map, String from, String to) {
        Set<String> moved = map.remove(from);
        if (moved != null) {
            map.computeIfAbsent(to, j -> new TreeSet<>()).addAll(moved);
        }
    }
}
