package io.jenkins.plugins.dbrunbooks.engine.verify;

import java.io.Serializable;

/** The outcome of one check of a backup, with what a person needs to know about it. */
public record CheckResult(String check, Outcome outcome, String detail) implements Serializable {
    public enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    public static CheckResult passed(String check, String detail) {
        return new CheckResult(check, Outcome.PASSED, detail);
    }

    public static CheckResult failed(String check, String detail) {
        return new CheckResult(check, Outcome.FAILED, detail);
    }

    public static CheckResult skipped(String check, String detail) {
        return new CheckResult(check, Outcome.SKIPPED, detail);
    }
}
