package io.jenkins.plugins.dbrunbooks.engine.method;

/**
 * How a payload is loaded.
 *
 * @param keepOwnership restore owners and grants as they were; off when the backup comes from another
 *     environment, whose roles the target's server does not have
 * @param jobs parallel workers, where the method can use them
 */
public record RestoreOptions(boolean keepOwnership, int jobs) {
    public static RestoreOptions defaults() {
        return new RestoreOptions(true, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public RestoreOptions withKeepOwnership(boolean keep) {
        return new RestoreOptions(keep, jobs);
    }
}
