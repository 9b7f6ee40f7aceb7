package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import java.io.Serializable;

/**
 * A scratch copy: a backup restored (or, with {@code fromLive}, the live database copied) into a new database on
 * the server of {@code environment/database}, shared by {@code withDatabaseCopy} and the "Scratch copy of a
 * database" build wrapper.
 */
public final class CopySpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String environment;
    private final String database;
    private String backup = BackupRef.LATEST;
    private String fromEnvironment;
    private String confirm;
    private boolean fromLive;
    private final VariableNames variables = new VariableNames();

    public CopySpec(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        String ref = Util.fixEmptyAndTrim(backup);
        this.backup = ref == null ? BackupRef.LATEST : ref;
    }

    public String getFromEnvironment() {
        return fromEnvironment;
    }

    public void setFromEnvironment(String fromEnvironment) {
        this.fromEnvironment = Util.fixEmptyAndTrim(fromEnvironment);
    }

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = Util.fixEmptyAndTrim(confirm);
    }

    public boolean isFromLive() {
        return fromLive;
    }

    public void setFromLive(boolean fromLive) {
        this.fromLive = fromLive;
    }

    public VariableNames getVariables() {
        return variables;
    }

    /** The engine's request, with a new scratch name tagged by the build number. */
    ScratchCopyRequest toRequest(int buildNumber) {
        return ScratchCopyRequest.of(environment, database, String.valueOf(buildNumber)).withBackup(backup)
                .from(fromEnvironment, null).confirmedFor(confirm).fromLive(fromLive);
    }
}
