package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import java.io.Serializable;

/**
 * Which backup to restore where, shared by {@code restoreDatabase} and the "Restore database" build step. Without
 * {@code fromEnvironment} and {@code fromDatabase} the target's own backups are used.
 */
public final class RestoreSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String environment;
    private final String database;
    private String backup = BackupRef.LATEST;
    private String fromEnvironment;
    private String fromDatabase;
    private String targetDatabase;
    private String confirm;
    private boolean force;
    private String acceptLoss;

    public RestoreSpec(String environment, String database) {
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

    public String getFromDatabase() {
        return fromDatabase;
    }

    public void setFromDatabase(String fromDatabase) {
        this.fromDatabase = Util.fixEmptyAndTrim(fromDatabase);
    }

    public String getTargetDatabase() {
        return targetDatabase;
    }

    public void setTargetDatabase(String targetDatabase) {
        this.targetDatabase = Util.fixEmptyAndTrim(targetDatabase);
    }

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = Util.fixEmptyAndTrim(confirm);
    }

    public boolean isForce() {
        return force;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public String getAcceptLoss() {
        return acceptLoss;
    }

    public void setAcceptLoss(String acceptLoss) {
        this.acceptLoss = Util.fixEmptyAndTrim(acceptLoss);
    }

    String sourceEnvironment() {
        return fromEnvironment == null ? environment : fromEnvironment;
    }

    String sourceDatabase() {
        return fromDatabase == null ? database : fromDatabase;
    }

    boolean intoNewDatabase() {
        return targetDatabase != null;
    }

    RestoreRequest toRequest(SecretValue ageIdentity) {
        return RestoreRequest.of(environment, database).withBackup(backup).from(fromEnvironment, fromDatabase)
                .intoNew(targetDatabase).confirmedFor(confirm).withIdentity(ageIdentity).forced(force)
                .acceptingLoss(acceptLoss);
    }
}
