package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One use of maintenance mode: who turned it on, why, from when until when (or until turned off), for which
 * environments (none listed means all of Jenkins) and what it does to the databases.
 */
public record MaintenanceWindow(
        String id,
        String reason,
        String enabledBy,
        Instant since,
        Instant until,
        Set<String> environments,
        LockKind databaseLock) implements Serializable {
    public static final int MAX_REASON_LENGTH = 500;

    public MaintenanceWindow {
        if (id == null || id.isBlank()) {
            throw new RunbookException(ErrorKind.USAGE, "A maintenance window needs an id");
        }
        if (reason == null || reason.isBlank()) {
            throw new RunbookException(ErrorKind.USAGE, "Maintenance needs a reason",
                    "Say why, for example 'PostgreSQL 16 upgrade'; everyone whose build waits will read it.");
        }
        reason = reason.strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new RunbookException(ErrorKind.USAGE, "The maintenance reason has " + reason.length()
                    + " characters", "Keep it to " + MAX_REASON_LENGTH + " characters.");
        }
        if (enabledBy == null || enabledBy.isBlank()) {
            throw new RunbookException(ErrorKind.USAGE, "Maintenance '" + reason + "' names nobody who enabled it");
        }
        Objects.requireNonNull(since, "since");
        if (until != null && !until.isAfter(since)) {
            throw new RunbookException(ErrorKind.USAGE, "Maintenance '" + reason + "' would end at " + until
                    + ", not after it starts at " + since, "Give an end time in the future, or none.");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String environment : environments == null ? Set.<String>of() : environments) {
            names.add(Names.requireName("Environment", environment));
        }
        // Kept in the order given, so the reason people read lists environments as the administrator did.
        environments = Collections.unmodifiableSet(names);
        databaseLock = databaseLock == null ? LockKind.NONE : databaseLock;
    }

    /** A new window with a random id. */
    public static MaintenanceWindow of(String reason, String enabledBy, Instant since, Instant until,
            Set<String> environments, LockKind databaseLock) {
        return new MaintenanceWindow(UUID.randomUUID().toString(), reason, enabledBy, since, until, environments,
                databaseLock);
    }

    /** A window for all of Jenkins, until turned off, without database lock. */
    public static MaintenanceWindow global(String reason, String enabledBy, Instant since) {
        return of(reason, enabledBy, since, null, Set.of(), LockKind.NONE);
    }

    public boolean isGlobal() {
        return environments.isEmpty();
    }

    /** A window ends at its {@code until}: from that instant on it holds nothing. */
    public boolean isExpired(Instant now) {
        return until != null && !now.isBefore(until);
    }

    public boolean covers(String environment) {
        return isGlobal() || environments.contains(environment);
    }
}
