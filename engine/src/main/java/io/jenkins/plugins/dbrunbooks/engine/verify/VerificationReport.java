package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.io.Serializable;
import java.util.List;

/** Every check run on one backup; the backup is good when none failed. */
public record VerificationReport(Manifest manifest, List<CheckResult> checks) implements Serializable {
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

    public String summary() {
        StringBuilder out = new StringBuilder();
        for (CheckResult check : checks) {
            out.append(check.outcome()).append("  ").append(check.check()).append(": ").append(check.detail())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }
}
