package io.jenkins.plugins.dbrunbooks.engine.status;

import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One database's row of the status table: what was observed, its targets, and the state they give.
 *
 * @param backupAge the newest backup's age; null without one
 * @param drillAge the newest drill's age; null without one
 * @param missed each target missed, or failure found, as a sentence; empty when the state is {@code ok}
 */
public record DatabaseStatus(String environment, String database, Observed observed, Duration backupAge,
        Duration drillAge, RecoveryTargets targets, State state, List<String> missed) implements Serializable {

    public DatabaseStatus {
        missed = missed == null ? new ArrayList<>() : new ArrayList<>(missed);
    }

    public enum State {
        /** Every target met. */
        OK,
        /** A backup or drill is older than its target, or a restore took longer. */
        LATE,
        /** The newest drill failed. */
        FAILED,
        /** No backup at all. */
        NEVER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean targetMissed() {
        return state != State.OK;
    }
}
