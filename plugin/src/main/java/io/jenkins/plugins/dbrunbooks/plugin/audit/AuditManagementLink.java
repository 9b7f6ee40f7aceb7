package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditFilter;
import io.jenkins.plugins.dbrunbooks.engine.audit.RunbookJobs;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldChange;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;

/**
 * Manage Jenkins > Database runbook audit: the newest events across Jenkins, operations and configuration changes,
 * filtered by environment, job, user and kind; an overview of the runbook jobs with their newest change; a page
 * per event; and the same events as JSON ({@code .../database-runbook-audit/events}). A viewer sees only the
 * events their permissions cover ({@link AuditVisibility}).
 */
@Extension
public class AuditManagementLink extends ManagementLink {
    static final int SHOWN = 200;

    @Override
    public String getIconFileName() {
        return "symbol-document-text-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.AuditManagementLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.AuditManagementLink_Description();
    }

    @Override
    public String getUrlName() {
        return "database-runbook-audit";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.READ;
    }

    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    /** The newest events the current user may see, newest first. */
    public List<AuditRecord> getRecords() {
        return records(null, null, null, null);
    }

    /** The newest events that pass the filters (blank ones match all) and the current user may see. */
    public List<AuditRecord> records(String environment, String job, String user, String kind) {
        Jenkins.get().checkPermission(Jenkins.READ);
        AuditFilter filter = new AuditFilter(environment, job, user, kind);
        return AuditTrail.get().recent(SHOWN, e -> filter.test(e) && AuditVisibility.canSee(e)).stream()
                .map(AuditRecord::new).toList();
    }

    /** The runbook jobs with their newest change, for the overview; only those concerning {@code environment}. */
    public List<RunbookJobSummary> runbookJobs(String environment) {
        Jenkins.get().checkPermission(Jenkins.READ);
        return RunbookJobs.of(AuditTrail.get().file().toPath(), environment, AuditVisibility::canSee).stream()
                .map(RunbookJobSummary::new).toList();
    }

    public List<String> getEnvironmentNames() {
        return RunbooksConfiguration.get().getEnvironments().stream().map(EnvironmentConfig::getName).toList();
    }

    /** {@code .../database-runbook-audit/event/<hash>}: one event, if it exists and the viewer may see it. */
    public AuditEventPage getEvent(String hash) {
        Jenkins.get().checkPermission(Jenkins.READ);
        return AuditTrail.get().find(hash).filter(e -> AuditVisibility.canSee(e.event()))
                .map(e -> new AuditEventPage(new AuditRecord(e))).orElse(null);
    }

    /**
     * {@code GET .../database-runbook-audit/events?environment=&job=&user=&kind=&max=}: the newest matching events
     * the caller may see, as JSON, newest first. Read-only, like {@code api/json}.
     */
    public void doEvents(@QueryParameter String environment, @QueryParameter String job,
            @QueryParameter String user, @QueryParameter String kind, @QueryParameter Integer max,
            HttpServletResponse rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        AuditFilter filter = new AuditFilter(environment, job, user, kind);
        int limit = max == null || max <= 0 ? SHOWN : Math.min(max, 10_000);
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditEntry entry : AuditTrail.get().recent(limit, e -> filter.test(e) && AuditVisibility.canSee(e))) {
            events.add(json(entry));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events);
        JsonResponse.write(rsp, HttpServletResponse.SC_OK, body);
    }

    static Map<String, Object> json(AuditEntry entry) {
        AuditEvent e = entry.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", entry.hash());
        m.put("time", e.time().toString());
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("actor", e.actor());
        m.put("job", e.job());
        m.put("build", e.build());
        m.put("operation", e.operation());
        m.put("environment", e.environment());
        m.put("database", e.database());
        m.put("backupId", e.backupId());
        m.put("sha256", e.sha256());
        m.put("outcome", e.outcome() == null ? null : e.outcome().name());
        m.put("durationMillis", e.durationMillis());
        m.put("bytes", e.bytes());
        m.put("message", e.message());
        ConfigChange change = e.change();
        if (change != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("action", change.action().name().toLowerCase(Locale.ROOT));
            c.put("job", change.job());
            c.put("previousName", change.previousName());
            c.put("environments", change.environments());
            List<Map<String, String>> fields = new ArrayList<>();
            for (FieldChange f : change.fields()) {
                Map<String, String> field = new LinkedHashMap<>();
                field.put("field", f.field());
                field.put("before", f.before());
                field.put("after", f.after());
                fields.add(field);
            }
            c.put("fields", fields);
            c.put("diff", change.diff());
            c.put("revision", change.revision());
            m.put("change", c);
        }
        return m;
    }
}
