package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A maintenance window as pages, the banner, the CLI and the REST answers show it. */
public final class WindowView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.systemDefault());

    private final MaintenanceWindow window;

    public WindowView(MaintenanceWindow window) {
        this.window = window;
    }

    public String getId() {
        return window.id();
    }

    public String getReason() {
        return window.reason();
    }

    public String getEnabledBy() {
        return window.enabledBy();
    }

    public String getSince() {
        return TIME.format(window.since());
    }

    /** The end time, or null for a window that lasts until it is disabled. */
    public String getUntil() {
        return window.until() == null ? null : TIME.format(window.until());
    }

    /** "all environments" or the names of the environments. */
    public String getScope() {
        return window.environments().isEmpty() ? Messages.WindowView_Global()
                : String.join(", ", window.environments());
    }

    public String getDatabaseLock() {
        return MaintenanceRequest.lockId(window.databaseLock());
    }

    /** One line for logs and the CLI. */
    public String describe() {
        return Messages.WindowView_Line(getId(), getScope(), getReason(), getEnabledBy(), getSince(),
                getUntil() == null ? Messages.WindowView_NoEnd() : getUntil(), getDatabaseLock());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", window.id());
        json.put("reason", window.reason());
        json.put("enabledBy", window.enabledBy());
        json.put("since", window.since().toString());
        json.put("until", window.until() == null ? null : window.until().toString());
        json.put("environments", window.environments().stream().sorted().toList());
        json.put("databaseLock", getDatabaseLock());
        return json;
    }
}
