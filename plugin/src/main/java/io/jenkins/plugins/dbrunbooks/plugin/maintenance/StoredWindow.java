package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A maintenance window as it is written to disk. A plain class rather than the engine's record, because XStream
 * cannot rebuild records, and so that the file's format belongs to the plugin.
 */
final class StoredWindow {
    private String id;
    private String reason;
    private String enabledBy;
    private long since;
    private Long until;
    private List<String> environments;
    private String databaseLock;

    static StoredWindow of(MaintenanceWindow window) {
        StoredWindow stored = new StoredWindow();
        stored.id = window.id();
        stored.reason = window.reason();
        stored.enabledBy = window.enabledBy();
        stored.since = window.since().toEpochMilli();
        stored.until = window.until() == null ? null : window.until().toEpochMilli();
        stored.environments = new ArrayList<>(window.environments());
        stored.databaseLock = window.databaseLock().name();
        return stored;
    }

    String id() {
        return id;
    }

    MaintenanceWindow toWindow() {
        return new MaintenanceWindow(id, reason, enabledBy, Instant.ofEpochMilli(since),
                until == null ? null : Instant.ofEpochMilli(until),
                environments == null ? java.util.Set.of() : new LinkedHashSet<>(environments),
                databaseLock == null ? LockKind.NONE : LockKind.valueOf(databaseLock));
    }
}
