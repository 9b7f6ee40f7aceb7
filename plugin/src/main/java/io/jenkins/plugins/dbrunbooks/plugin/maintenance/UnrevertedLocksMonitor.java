package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.io.IOException;
import java.util.List;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.POST;

/** "Database locks could not be reverted": lists them until a retry succeeds, so none is forgotten. */
@Extension
public class UnrevertedLocksMonitor extends AdministrativeMonitor {
    @Override
    public String getDisplayName() {
        return Messages.UnrevertedLocksMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return !getLocks().isEmpty();
    }

    public List<StoredLock> getLocks() {
        return MaintenanceManager.get().getUnrevertedLocks();
    }

    @POST
    public HttpResponse doRetry() throws IOException {
        checkRequiredPermission();
        MaintenanceManager.get().retryReverts();
        return HttpResponses.forwardToPreviousPage();
    }
}
