package io.jenkins.plugins.dbrunbooks.plugin.audit;

import io.jenkins.plugins.dbrunbooks.engine.drill.Proof;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** A backup a build took, verified or drilled, and how far it has been proven by now, as the receipt shows it. */
@ExportedBean(defaultVisibility = 2)
public final class BackupProof {
    private final String environment;
    private final String database;
    private final String backupId;
    private final Proof.Level level;

    BackupProof(String environment, String database, String backupId, Proof.Level level) {
        this.environment = environment;
        this.database = database;
        this.backupId = backupId;
        this.level = level;
    }

    @Exported
    public String getEnvironment() {
        return environment;
    }

    @Exported
    public String getDatabase() {
        return database;
    }

    @Exported
    public String getBackupId() {
        return backupId;
    }

    /** {@code stored}, {@code checksum}, {@code stream}, {@code structure}, {@code restored}, {@code checked} or {@code drill-failed}. */
    @Exported
    public String getProven() {
        return level.id();
    }

    /** The level in words: "restored and checked". */
    public String getProvenLabel() {
        return level.label();
    }

    public boolean isFailed() {
        return level == Proof.Level.DRILL_FAILED;
    }
}
