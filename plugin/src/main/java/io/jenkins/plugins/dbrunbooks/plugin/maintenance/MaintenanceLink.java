package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import jakarta.servlet.http.HttpServletRequest;
import io.jenkins.plugins.dbrunbooks.plugin.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > Database maintenance: the windows in force, a form to enable one, a button to disable each, and
 * the history of changes. The same actions as JSON for scripts: {@code enableJson}, {@code disableJson} (POST, with
 * a crumb or an API token) and {@code status} (GET).
 */
@Extension
public class MaintenanceLink extends ManagementLink {
    static final int HISTORY = 50;

    @Override
    public String getIconFileName() {
        return "symbol-construct-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.MaintenanceLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.MaintenanceLink_Description();
    }

    @Override
    public String getUrlName() {
        return "database-maintenance";
    }

    @Override
    public Permission getRequiredPermission() {
        return RunbookPermissions.MAINTAIN;
    }

    @Override
    public Category getCategory() {
        return Category.TOOLS;
    }

    public List<WindowView> getWindows() {
        return MaintenanceManager.get().status().stream().map(WindowView::new).toList();
    }

    /**
     * For each database the window holds read-only, whether a rollback to its latest backup would lose writes. Not
     * a getter, so that Stapler does not offer it as a URL: it connects to the databases.
     */
    public List<String> rollbackWindowsOf(String windowId) {
        return RollbackWindows.of(windowId);
    }

    public List<String> getEnvironmentNames() {
        return RunbooksConfiguration.get().getEnvironments().stream().map(EnvironmentConfig::getName).toList();
    }

    public List<String> getLockIds() {
        return Arrays.stream(LockKind.values()).map(MaintenanceRequest::lockId).toList();
    }

    /** Maintenance changes, newest first. */
    public List<AuditRecord> getHistory() {
        return AuditTrail.get().recent(HISTORY,
                e -> e.operation() != null && e.operation().startsWith("maintenance"))
                .stream().map(AuditRecord::new).toList();
    }

    @POST
    public HttpResponse doEnable(HttpServletRequest req) throws IOException {
        Jenkins.get().checkPermission(RunbookPermissions.MAINTAIN);
        try {
            boolean global = !"environments".equals(req.getParameter("scope"));
            MaintenanceRequest request = request(req, global);
            if (!global && request.environments().isEmpty()) {
                throw new AbortException(Messages.MaintenanceLink_NoEnvironment());
            }
            request.enable(currentUser());
        } catch (AbortException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doDisable(@QueryParameter String id) throws IOException {
        Jenkins.get().checkPermission(RunbookPermissions.MAINTAIN);
        MaintenanceManager.get().disable(id, currentUser());
        return HttpResponses.redirectToDot();
    }

    @POST
    public void doEnableJson(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        Jenkins.get().checkPermission(RunbookPermissions.MAINTAIN);
        try {
            MaintenanceWindow window = request(req, false).enable(currentUser());
            JsonResponse.write(rsp, 200, Map.of("enabled", new WindowView(window).toJson()));
        } catch (AbortException e) {
            JsonResponse.write(rsp, 400, Map.of("error", e.getMessage()));
        }
    }

    @POST
    public void doDisableJson(@QueryParameter String id, HttpServletResponse rsp) throws IOException {
        Jenkins.get().checkPermission(RunbookPermissions.MAINTAIN);
        if (id == null || !MaintenanceManager.get().disable(id, currentUser())) {
            JsonResponse.write(rsp, 404, Map.of("error", Messages.MaintenanceLink_NoWindow(String.valueOf(id))));
            return;
        }
        JsonResponse.write(rsp, 200, Map.of("disabled", id));
    }

    /** Read-only, so GET is fine; Maintain or Overall/SystemRead may look. */
    public void doStatus(HttpServletResponse rsp) throws IOException {
        Jenkins.get().checkAnyPermission(RunbookPermissions.MAINTAIN, Jenkins.SYSTEM_READ);
        List<Map<String, Object>> windows = getWindows().stream().map(WindowView::toJson).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("on", !windows.isEmpty());
        json.put("windows", windows);
        JsonResponse.write(rsp, 200, json);
    }

    private static MaintenanceRequest request(HttpServletRequest req, boolean global) throws AbortException {
        String[] environments = req.getParameterValues("environment");
        return new MaintenanceRequest(req.getParameter("reason"),
                global || environments == null ? List.of() : List.of(environments),
                MaintenanceRequest.parseMinutes(req.getParameter("minutes")),
                MaintenanceRequest.parseLock(req.getParameter("databaseLock")));
    }

    private static String currentUser() {
        return Jenkins.getAuthentication2().getName();
    }
}
