package io.jenkins.plugins.dbrunbooks.engine.status;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The status table at one moment: a row per database. */
public record StatusReport(Instant at, List<DatabaseStatus> databases) implements Serializable {
    public StatusReport {
        databases = databases == null ? new ArrayList<>() : new ArrayList<>(databases);
    }

    /** Whether any database missed a target, failed its drill or has no backup. */
    public boolean targetMissed() {
        return databases.stream().anyMatch(DatabaseStatus::targetMissed);
    }
}
