package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;

/**
 * An operation that completed, whose audit event could not be recorded. The operation is not undone (a stored
 * backup stays stored), but the run fails: every run is to be audited. The result travels with the error so the
 * caller can still say what was done, such as the id of the backup that was stored.
 */
public final class UnauditedResult extends RunbookException {
    private static final long serialVersionUID = 1L;

    private final Serializable result;

    UnauditedResult(String operation, Serializable result, String what, RuntimeException cause) {
        super(ErrorKind.AUDIT, operation + " completed" + (what == null ? "" : " (" + what + ")")
                + ", but its audit event could not be recorded: " + cause.getMessage(), null, cause);
        this.result = result;
    }

    public Serializable result() {
        return result;
    }
}
