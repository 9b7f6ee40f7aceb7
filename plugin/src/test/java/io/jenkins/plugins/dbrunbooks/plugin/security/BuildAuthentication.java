package io.jenkins.plugins.dbrunbooks.plugin.security;

import hudson.model.User;
import hudson.security.Permission;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;

/**
 * Builds that run as a user, as Authorize Project configures them: each job named here runs as its user instead
 * of as the system.
 */
public final class BuildAuthentication {
    /**
     * Agent/Build ({@code hudson.model.Computer.BUILD}): a build that runs as a user may only take an executor of a
     * node where that user holds it, the built-in node included.
     */
    public static Permission agentBuild() {
        return Permission.fromId("hudson.model.Computer.Build");
    }

    private final MockQueueItemAuthenticator authenticator = new MockQueueItemAuthenticator();

    private BuildAuthentication() {
    }

    public static BuildAuthentication install() {
        BuildAuthentication authentication = new BuildAuthentication();
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(authentication.authenticator);
        return authentication;
    }

    /** Builds of {@code jobFullName} run as {@code userId}. */
    public BuildAuthentication runAs(String jobFullName, String userId) {
        authenticator.authenticate(jobFullName, User.getById(userId, true).impersonate2());
        return this;
    }
}
