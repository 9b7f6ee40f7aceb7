package io.jenkins.plugins.dbrunbooks.plugin.audit;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.util.Date;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One audit event as a build keeps it in build.xml and shows it on its page and in the REST API. */
@ExportedBean(defaultVisibility = 2)
public final class AuditRecord {
    private final long time;
    private final String actor;
    private final String operation;
    private final String environment;
    private final String database;
    private final String backupId;
    private final String sha256;
    private final String outcome;
    private final long durationMillis;
    private final long bytes;
    private final String message;

    public AuditRecord(AuditEvent event) {
        this.time = event.time().toEpochMilli();
        this.actor = event.actor();
        this.operation = event.operation();
        this.environment = event.environment();
        this.database = event.database();
        this.backupId = event.backupId();
        this.sha256 = event.sha256();
        this.outcome = event.outcome().name();
        this.durationMillis = event.durationMillis();
        this.bytes = event.bytes();
        this.message = event.message();
    }

    @Exported
    public long getTime() {
        return time;
    }

    public Date getDate() {
        return new Date(time);
    }

    @Exported
    public String getActor() {
        return actor;
    }

    @Exported
    public String getOperation() {
        return operation;
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

    @Exported
    public String getSha256() {
        return sha256;
    }

    @Exported
    public String getOutcome() {
        return outcome;
    }

    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    @Exported
    public long getBytes() {
        return bytes;
    }

    public String getSize() {
        return bytes > 0 ? Bytes.human(bytes) : "";
    }

    @Exported
    public String getMessage() {
        return message;
    }
}
