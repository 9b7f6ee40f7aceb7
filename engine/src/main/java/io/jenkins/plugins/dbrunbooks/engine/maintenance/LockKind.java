package io.jenkins.plugins.dbrunbooks.engine.maintenance;

/** What a maintenance window does to the application's own sessions on a database. */
public enum LockKind {
    /** The database stays as it is; only builds and runbook steps are held. */
    NONE,
    /** Sessions are ended and come back read-only. */
    READ_ONLY,
    /** Sessions are ended and no new one may connect. */
    NO_CONNECTIONS
}
