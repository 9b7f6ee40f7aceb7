package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRequest;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import java.io.Serializable;

/** Which backup to drill, shared by {@code drillDatabaseBackup} and the "Drill a database backup" build step. */
public final class DrillSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String environment;
    private final String database;
    private String backup = BackupRef.LATEST;
    private String confirm;

    public DrillSpec(String environment, String database) {
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

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = Util.fixEmptyAndTrim(confirm);
    }

    DrillRequest toRequest(SecretValue identity) {
        return new DrillRequest(environment, database, backup, identity, confirm);
    }
}
