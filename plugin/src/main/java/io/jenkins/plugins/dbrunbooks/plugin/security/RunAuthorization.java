package io.jenkins.plugins.dbrunbooks.plugin.security;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Decides at run time whether a build may do a runbook operation: the user who started it, directly or through
 * its chain of upstream builds, must hold the permission. A build nobody started (timer, SCM) runs as the system
 * only when the permission is granted to anonymous users; otherwise it is refused.
 */
public final class RunAuthorization {
    private RunAuthorization() {
    }

    /** The id of the user who started {@code run}, following upstream causes; empty for timers, SCM and the like. */
    public static Optional<String> startedBy(Run<?, ?> run) {
        Deque<Run<?, ?>> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(run);
        while (!pending.isEmpty()) {
            Run<?, ?> current = pending.poll();
            if (!seen.add(current.getExternalizableId())) {
                continue;
            }
            for (Cause cause : current.getCauses()) {
                if (cause instanceof Cause.UserIdCause userCause && userCause.getUserId() != null) {
                    return Optional.of(userCause.getUserId());
                }
                if (cause instanceof Cause.UpstreamCause upstream) {
                    Run<?, ?> parent = upstream.getUpstreamRun();
                    if (parent != null) {
                        pending.add(parent);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the user who started {@code run} (or anonymous, if nobody did) holds {@code permission}. */
    public static boolean isAllowed(Run<?, ?> run, Permission permission) {
        Authentication who = startedBy(run).map(id -> User.getById(id, false)).map(RunAuthorization::impersonate)
                .orElse(Jenkins.ANONYMOUS2);
        return Jenkins.get().getACL().hasPermission2(who, permission);
    }

    /** Fails the step with a message naming the user and the permission when the run may not go ahead. */
    public static void check(Run<?, ?> run, Permission permission) throws AbortException {
        if (!isAllowed(run, permission)) {
            String user = startedBy(run).orElse("anonymous");
            throw new AbortException(Messages.RunAuthorization_Denied(user, permission.group.title + "/"
                    + permission.name));
        }
    }

    private static Authentication impersonate(User user) {
        try {
            return user.impersonate2();
        } catch (RuntimeException e) {
            // A user the security realm no longer knows holds no permission.
            return Jenkins.ANONYMOUS2;
        }
    }
}
