package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.Extension;
import hudson.model.PageDecorator;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;

/** The banner on every page while maintenance is on, for every signed-in user. */
@Extension
public class MaintenanceBanner extends PageDecorator {
    /** The windows to show to the current viewer: none for anonymous viewers. */
    public List<WindowView> getWindows() {
        if (ACL.isAnonymous2(Jenkins.getAuthentication2())) {
            return List.of();
        }
        return MaintenanceManager.get().status().stream().map(WindowView::new).toList();
    }
}
