package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What a person asks for when turning maintenance on, from any door (page, REST, CLI, Pipeline, freestyle):
 * reason, environments (empty for all), optional duration in minutes and database lock.
 */
public record MaintenanceRequest(String reason, List<String> environments, Integer minutes, LockKind databaseLock) {
    public MaintenanceRequest {
        environments = environments == null ? List.of() : List.copyOf(environments);
        databaseLock = databaseLock == null ? LockKind.NONE : databaseLock;
    }

    public MaintenanceWindow enable(String user) throws IOException {
        return MaintenanceManager.get().enable(reason, environments, minutes, databaseLock, user);
    }

    /** {@code none}, {@code read-only} or {@code no-connections}; empty means none. */
    public static LockKind parseLock(String value) throws AbortException {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return LockKind.NONE;
        }
        for (LockKind kind : LockKind.values()) {
            if (lockId(kind).equals(id.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return kind;
            }
        }
        throw new AbortException(Messages.MaintenanceRequest_UnknownLock(id));
    }

    public static String lockId(LockKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A whole number of minutes, or null when empty. */
    public static Integer parseMinutes(String value) throws AbortException {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new AbortException(Messages.MaintenanceManager_BadMinutes(text));
        }
    }
}
