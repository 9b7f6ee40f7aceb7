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
import java.util.List;
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
        return startedBy(run.getCauses(), Set.of(run.getExternalizableId()));
    }

    /**
     * The id of the user behind {@code causes} (those of a queued item or a build), following upstream builds to
     * the first user; empty for timers, SCM and the like.
     */
    public static Optional<String> startedBy(List<Cause> causes) {
        return startedBy(causes, Set.of());
    }

    private static Optional<String> startedBy(List<Cause> causes, Set<String> already) {
        Deque<List<Cause>> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>(already);
        pending.add(causes);
        while (!pending.isEmpty()) {
            for (Cause cause : pending.poll()) {
                if (cause instanceof Cause.UserIdCause userCause && userCause.getUserId() != null) {
                    return Optional.of(userCause.getUserId());
                }
                if (cause instanceof Cause.UpstreamCause upstream) {
                    Run<?, ?> parent = upstream.getUpstreamRun();
                    if (parent != null && seen.add(parent.getExternalizableId())) {
                        pending.add(parent.getCauses());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code user} (anonymous when empty or unknown to the security realm) holds {@code permission}. */
    public static boolean isAllowed(Optional<String> user, Permission permission) {
        Authentication who = user.map(id -> User.getById(id, false)).map(RunAuthorization::impersonate)
                .orElse(Jenkins.ANONYMOUS2);
        return Jenkins.get().getACL().hasPermission2(who, permission);
    }

    /** Whether the user who started {@code run} (or anonymous, if nobody did) holds {@code permission}. */
    public static boolean isAllowed(Run<?, ?> run, Permission permission) {
        return isAllowed(startedBy(run), permission);
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
