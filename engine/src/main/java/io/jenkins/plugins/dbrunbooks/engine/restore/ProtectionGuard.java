package io.jenkins.plugins.dbrunbooks.engine.restore;

import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;

/** A protected environment is written to only by a request that names it in its confirmation. */
public final class ProtectionGuard {
    private ProtectionGuard() {
    }

    public static void check(Environment target, String confirm) {
        if (target.protectedEnvironment() && !target.name().equals(confirm)) {
            throw new RunbookException(ErrorKind.CONFIRMATION_REQUIRED, "Environment '" + target.name()
                    + "' is protected; restoring into it needs a confirmation naming it",
                    "Pass confirm '" + target.name() + "' (CLI: --confirm " + target.name() + ") if you mean it.");
        }
    }
}
