package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import java.io.Serializable;

/** What to back up, shared by {@code backupDatabase} and the "Back up database" build step. */
public final class BackupSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String environment;
    private final String database;
    private String label;

    public BackupSpec(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = Util.fixEmptyAndTrim(label);
    }

    BackupRequest toRequest() {
        return new BackupRequest(environment, database, label);
    }
}
