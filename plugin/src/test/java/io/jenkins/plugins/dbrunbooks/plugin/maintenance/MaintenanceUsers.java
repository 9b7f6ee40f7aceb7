package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.model.User;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import jenkins.model.Jenkins;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * Users of the maintenance tests: {@code maintainer} holds Maintain, {@code developer} only Backup; anonymous
 * readers may look at pages.
 */
final class MaintenanceUsers {
    static final String MAINTAINER = "maintainer";
    static final String DEVELOPER = "developer";

    private MaintenanceUsers() {
    }

    static void setUp(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, RunbookPermissions.MAINTAIN, RunbookPermissions.BACKUP).everywhere()
                .to(MAINTAINER)
                .grant(Jenkins.READ, RunbookPermissions.BACKUP).everywhere().to(DEVELOPER)
                .grant(Jenkins.READ).everywhere().to("anonymous"));
        // The plugin looks users up without creating them, as Jenkins does for build causes.
        User.getById(MAINTAINER, true);
        User.getById(DEVELOPER, true);
    }
}
