package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition.RowCounters;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince.TableChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the position a backup recorded with the server's position now. Pure logic: a figure is given only where
 * both positions count the same thing over the same span, and otherwise the reason it cannot be.
 */
final class ChangeComparison {
    /** Server start times are worked out from an uptime in whole seconds, so they move by a second or two. */
    private static final Duration RESET_TOLERANCE = Duration.ofSeconds(5);

    private final Manifest backup;
    private final ServerPosition then;
    private final ServerPosition now;
    private final Set<String> notes = new LinkedHashSet<>();

    private ChangeComparison(Manifest backup, ServerPosition now) {
        this.backup = backup;
        this.then = backup.position();
        this.now = now;
    }

    /**
     * @param now the position now; null where the backup's own says there is nothing to compare
     * @param logBytes log written between the two positions, as the engine tells it; null when unknown
     */
    static ChangesSince compare(Manifest backup, ServerPosition now, Long logBytes) {
        return new ChangeComparison(backup, now).compare(logBytes);
    }

    private ChangesSince compare(Long logBytes) {
        if (then == null) {
            return unknown("backup " + backup.id() + " recorded no server position (it was taken by an earlier"
                    + " version, or the position could not be read)");
        }
        notes.addAll(then.notes());
        if (ServerPosition.COUNTERS_NONE.equals(then.counters()) || now == null
                || ServerPosition.COUNTERS_NONE.equals(now.counters())) {
            return unknown("the server offers no row counters");
        }
        notes.addAll(now.notes());
        if (ServerPosition.MOMENT_BEFORE.equals(then.moment())) {
            notes.add("the position was read just before the backup began, so writes at that instant count as"
                    + " after it");
        }
        if (then.databaseId() != null && !then.databaseId().equals(now.databaseId())) {
            return unknown("the database was replaced since the backup (restored by a swap, or dropped and created"
                    + " again), so its counters started again");
        }
        if (now.statsReset() != null && (then.statsReset() == null
                || now.statsReset().isAfter(then.statsReset().plus(RESET_TOLERANCE)))) {
            return unknown("statistics were reset at " + now.statsReset());
        }
        Long commits = then.commits() != null && now.commits() != null ? now.commits() - then.commits() : null;
        boolean perTable = ServerPosition.COUNTERS_TABLE.equals(then.counters())
                && ServerPosition.COUNTERS_TABLE.equals(now.counters());
        if (!perTable && !then.counters().equals(now.counters())) {
            notes.add("per-table statistics were turned " + (ServerPosition.COUNTERS_TABLE.equals(now.counters())
                    ? "on" : "off") + " since the backup, so the server's counters are compared");
        }
        ChangesSince result = perTable ? perTable(commits, logBytes) : serverWide(commits, logBytes);
        return result == null ? unknown("statistics were reset since the backup (a counter went down)") : result;
    }

    /** Null when a counter went down: the statistics were reset, though no reset time says so. */
    private ChangesSince perTable(Long commits, Long logBytes) {
        List<TableChanges> tables = new ArrayList<>();
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        long written = 0;
        boolean byKind = true;
        for (Map.Entry<String, RowCounters> entry : now.tables().entrySet()) {
            RowCounters current = entry.getValue();
            RowCounters before = then.tables().get(entry.getKey());
            String note = null;
            if (current.identity() != null && before == null) {
                note = "created since the backup";
            } else if (current.identity() != null && !current.identity().equals(before.identity())) {
                note = "dropped and created again since the backup";
                before = null;
            }
            RowCounters diff = before == null ? current : minus(current, before);
            if (diff == null) {
                return null;
            }
            if (diff.changed() == 0 && note == null) {
                continue;
            }
            tables.add(new TableChanges(entry.getKey(), diff.inserted(), diff.updated(), diff.deleted(),
                    diff.changed(), note));
            byKind &= diff.byKind();
            if (diff.byKind()) {
                inserted += diff.inserted();
                updated += diff.updated();
                deleted += diff.deleted();
            }
            written += diff.changed();
        }
        for (Map.Entry<String, RowCounters> entry : then.tables().entrySet()) {
            if (!now.tables().containsKey(entry.getKey())) {
                tables.add(new TableChanges(entry.getKey(), null, null, null, 0, entry.getValue().identity() != null
                        ? "dropped since the backup" : "dropped since the backup, or its statistics were flushed"));
            }
        }
        return new ChangesSince(backup.id(), backup.environment(), backup.database(), backup.startedAt(),
                now.readAt(), ChangesSince.EXACT, commits, byKind ? inserted : null, byKind ? updated : null,
                byKind ? deleted : null, written, now.log(), logBytes, tables, List.copyOf(notes));
    }

    private ChangesSince serverWide(Long commits, Long logBytes) {
        if (then.server() == null || now.server() == null) {
            return unknown("the server's row counters were not read");
        }
        RowCounters diff = minus(now.server(), then.server());
        if (diff == null) {
            return null;
        }
        notes.add("the counts are of every database on the server, so they can only be more than this database's");
        return new ChangesSince(backup.id(), backup.environment(), backup.database(), backup.startedAt(),
                now.readAt(), ChangesSince.SERVER_WIDE, commits, diff.inserted(), diff.updated(), diff.deleted(),
                diff.changed(), now.log(), logBytes, List.of(), List.copyOf(notes));
    }

    private static RowCounters minus(RowCounters current, RowCounters before) {
        if (current.changed() < before.changed() || lower(current.inserted(), before.inserted())
                || lower(current.updated(), before.updated()) || lower(current.deleted(), before.deleted())) {
            return null;
        }
        if (current.byKind() && before.byKind()) {
            return RowCounters.of(current.inserted() - before.inserted(), current.updated() - before.updated(),
                    current.deleted() - before.deleted(), current.identity());
        }
        return RowCounters.changedOnly(current.changed() - before.changed());
    }

    private static boolean lower(Long current, Long before) {
        return current != null && before != null && current < before;
    }

    private ChangesSince unknown(String why) {
        Instant readAt = now == null ? Instant.now() : now.readAt();
        return ChangesSince.unknown(backup.id(), backup.environment(), backup.database(), backup.startedAt(), readAt,
                why, List.copyOf(notes));
    }
}
