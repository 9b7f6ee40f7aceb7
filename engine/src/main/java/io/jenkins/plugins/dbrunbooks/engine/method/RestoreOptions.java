package io.jenkins.plugins.dbrunbooks.engine.method;

import java.util.function.Consumer;

/**
 * How a payload is loaded.
 *
 * @param keepOwnership restore owners and grants as they were; off when the backup comes from another
 *     environment, whose roles the target's server does not have
 * @param jobs parallel workers, where the method can use them
 * @param leftOut told each thing of the backup the restore leaves out or changes because the target engine
 *     cannot hold it as it was (a view, a check, a default across engines), one line each
 */
public record RestoreOptions(boolean keepOwnership, int jobs, Consumer<String> leftOut) {
    public RestoreOptions {
        leftOut = leftOut == null ? note -> { } : leftOut;
    }

    public RestoreOptions(boolean keepOwnership, int jobs) {
        this(keepOwnership, jobs, null);
    }

    public static RestoreOptions defaults() {
        return new RestoreOptions(true, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public RestoreOptions withKeepOwnership(boolean keep) {
        return new RestoreOptions(keep, jobs, leftOut);
    }

    public RestoreOptions withLeftOut(Consumer<String> sink) {
        return new RestoreOptions(keepOwnership, jobs, sink);
    }
}
