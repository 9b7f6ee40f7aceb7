package io.jenkins.plugins.dbrunbooks.engine.error;

/**
 * The catalogue of everything that can go wrong, each kind with the exit code the CLI uses and the hint shown
 * when a message does not carry a more precise one.
 */
public enum ErrorKind {
    USAGE(2, "Check the command's options with --help."),
    CONFIGURATION(2, "Correct the configuration and try again."),
    NOT_FOUND(2, "Check the name or id; 'list' shows what exists."),
    CREDENTIALS(1, "Check the user and secret of the credential for this role."),
    CONNECTION(1, "Check that the server is running and reachable from this machine."),
    TOOL_MISSING(1, "Install the database's client tools on this machine or set their directory in the configuration."),
    TOOL_VERSION(1, "Install client tools at least as new as the server."),
    CONFIRMATION_REQUIRED(1, "Pass the confirmation naming the protected environment to go ahead."),
    TARGET_EXISTS(1, "Choose another target database name or drop the existing one first."),
    TARGET_BUSY(1, "Wait for the other run to finish, or force the restore to end it."),
    INTEGRITY(1, "The backup is damaged: restore an earlier backup and check the storage."),
    DECRYPTION(1, "Give the age identity that matches one of the backup's recipients."),
    NOT_CARRIED(1, "Use a method that carries every object, or accept a partial backup in the configuration."),
    // Not every failure comes from a client tool (jdbc runs none): the message says which tool ran, if one did.
    BACKUP_FAILED(1, "See the error above; nothing was stored."),
    RESTORE_FAILED(1, "See the error above."),
    INTERRUPTED(1, "The operation was stopped before it finished; nothing partial was kept."),
    STORAGE(1, "Check the backup directory: its disk space and permissions."),
    AUDIT(1, "The operation itself completed; fix the audit log (its directory, permissions and disk space) and"
            + " record what was done by hand.");

    private final int exitCode;
    private final String defaultHint;

    ErrorKind(int exitCode, String defaultHint) {
        this.exitCode = exitCode;
        this.defaultHint = defaultHint;
    }

    public int exitCode() {
        return exitCode;
    }

    public String defaultHint() {
        return defaultHint;
    }
}
