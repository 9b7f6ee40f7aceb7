package io.jenkins.plugins.dbrunbooks.engine.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one restore drill of a backup did, kept beside the backup (the last drill of each) and returned to the
 * caller. A drill notes itself as {@link State#RUNNING} before it creates its scratch database, so that a drill
 * killed half-way is found, and its scratch database dropped, by the next one.
 *
 * @param target {@code environment/database} on whose server the scratch copy was made
 * @param restoreMillis how long the restore took, once it finished
 * @param checks the data check per table, then any failure of the drill itself
 * @param keyFingerprints fingerprints of the age identities that decrypted the backup, for an encrypted one
 * @param host the machine the drill ran on and {@code pid} its process, to tell a running drill from a killed one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillRecord(String backupId, State state, Instant startedAt, Instant finishedAt, String actor,
        String build, String target, String scratchDatabase, Long restoreMillis, List<CheckResult> checks,
        String message, List<String> keyFingerprints, String host, Long pid) implements Serializable {

    /** The kind of note a drill record is kept under beside its backup. */
    public static final String NOTE = "drill";

    public enum State {
        RUNNING, PASSED, FAILED, INTERRUPTED
    }

    public DrillRecord {
        // Plain lists: records travel from agents and into pipeline scripts.
        checks = checks == null ? new ArrayList<>() : new ArrayList<>(checks);
        keyFingerprints = keyFingerprints == null ? new ArrayList<>() : new ArrayList<>(keyFingerprints);
    }

    @JsonIgnore
    public boolean passed() {
        return state == State.PASSED;
    }

    /** Whether the restored data was compared with the backup's fingerprints, table by table. */
    @JsonIgnore
    public boolean dataChecked() {
        return passed() && checks.stream().anyMatch(c -> c.check().startsWith("table ")
                && c.outcome() == CheckResult.Outcome.PASSED);
    }

    @JsonIgnore
    public Duration restoreTime() {
        return restoreMillis == null ? null : Duration.ofMillis(restoreMillis);
    }

    DrillRecord finished(State end, Instant at, Long restored, List<CheckResult> results, String text) {
        return new DrillRecord(backupId, end, startedAt, at, actor, build, target, scratchDatabase, restored, results,
                text, keyFingerprints, host, pid);
    }
}
