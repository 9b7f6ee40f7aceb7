package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.io.Serializable;
import java.util.List;

/**
 * Every check run on one backup and the highest level they reached. The backup passed when no check failed, and
 * it is good only as far as {@link #level()}: what lies above was not checked, and {@link #limit()} says why.
 */
public record VerificationReport(Manifest manifest, List<CheckResult> checks, VerificationLevel level)
        implements Serializable {
    public VerificationReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == CheckResult.Outcome.FAILED);
    }

    public String firstFailure() {
        return checks.stream().filter(c -> c.outcome() == CheckResult.Outcome.FAILED)
                .map(c -> c.check() + ": " + c.detail()).findFirst().orElse("");
    }

    /** Why verification stopped below {@code structure}, from the first skipped check; empty when it did not. */
    public String limit() {
        return checks.stream().filter(c -> c.outcome() == CheckResult.Outcome.SKIPPED)
                .map(c -> c.check() + " not checked: " + c.detail()).findFirst().orElse("");
    }

    /** The verdict in one line, never claiming more than the level reached. */
    public String verdict() {
        if (!passed()) {
            return "Backup " + manifest.id() + " FAILED verification (" + firstFailure() + "); it reached level '"
                    + level.id() + "' only.";
        }
        String reached = "Backup " + manifest.id() + " verified to level '" + level.id() + "': " + level.meaning()
                + ".";
        return level.compareTo(VerificationLevel.STRUCTURE) >= 0 ? reached
                : reached + " Not checked beyond that (" + limit() + ").";
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        for (CheckResult check : checks) {
            out.append(check.outcome()).append("  ").append(check.check()).append(": ").append(check.detail())
                    .append(System.lineSeparator());
        }
        return out.append(verdict()).append(System.lineSeparator()).toString();
    }
}
