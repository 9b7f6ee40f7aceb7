package io.jenkins.plugins.dbrunbooks.plugin.audit;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldChange;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One audit event as a build keeps it in build.xml and as the audit pages show it, with the REST API's fields.
 */
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
    private final String build;
    private final String kind;
    private final String job;
    private final String hash;
    private final transient ConfigChange change;

    public AuditRecord(AuditEntry entry) {
        this(entry.event(), entry.hash());
    }

    public AuditRecord(AuditEvent event) {
        this(event, null);
    }

    private AuditRecord(AuditEvent event, String hash) {
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
        this.build = event.build();
        this.kind = event.kind().name().toLowerCase(Locale.ROOT);
        this.job = event.job();
        this.hash = hash;
        this.change = event.change();
    }

    /** The operation's event as the engine recorded it, without its configuration change. */
    public AuditEvent event() {
        return new AuditEvent(Instant.ofEpochMilli(time), actor, build, operation, environment, database, backupId,
                sha256, AuditEvent.Outcome.valueOf(outcome), durationMillis, bytes, message);
    }

    /** The build that ran the operation ({@code job#number}); null for a change. */
    @Exported
    public String getBuild() {
        return build;
    }

    /** {@code run} for an operation, {@code change} for a configuration change. */
    @Exported
    public String getKind() {
        return kind;
    }

    /** The changed job, or the job of the build that ran the operation. */
    @Exported
    public String getJob() {
        return job;
    }

    /** The hash of the event's line in the audit log, which identifies it; null in a build's own copy. */
    @Exported
    public String getHash() {
        return hash;
    }

    public String getShortHash() {
        return hash == null ? "" : hash.substring(0, 12);
    }

    /** The configuration change, or null for an operation. */
    public ConfigChange getChange() {
        return change;
    }

    public List<FieldChange> getFieldChanges() {
        return change == null ? List.of() : change.fields();
    }

    @Exported
    public String getDiff() {
        return change == null ? null : change.diff();
    }

    @Exported
    public String getPreviousName() {
        return change == null ? null : change.previousName();
    }

    @Exported
    public String getRevision() {
        return change == null ? null : change.revision();
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
