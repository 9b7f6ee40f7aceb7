package io.jenkins.plugins.dbrunbooks.plugin.security;

import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.User;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Decides at run time whether a build may do a runbook operation. Two identities must both hold the permission:
 * <ol>
 * <li>the build's authentication, the one Jenkins runs it as: its job's queue authentication, which a
 * {@code QueueItemAuthenticator} such as Authorize Project sets, and otherwise SYSTEM, as everywhere in Jenkins;
 * <li>the user who started the build, directly or through its chain of upstream builds, if a user did.
 * </ol>
 * The first makes timer, SCM and webhook builds work as Jenkins runs them and honours Authorize Project; the
 * second keeps a user from doing through a build what that user may not do. Both are checked on the job's ACL, so
 * grants on a folder or on the job count. Credentials are looked up with the same authentication
 * ({@code CredentialsProvider.findCredentialById} in the run's context).
 */
public final class RunAuthorization {
    private RunAuthorization() {
    }

    /** The authentication {@code run} runs as: its job's queue authentication, SYSTEM when none is configured. */
    public static Authentication authenticationOf(Run<?, ?> run) {
        return run.getParent() instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
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

    /**
     * Why {@code run} may not do what {@code permission} covers on {@code where} (its job, or Jenkins for what acts
     * on all of Jenkins), naming the identity and the permission; empty when it may.
     */
    public static Optional<String> refusal(Run<?, ?> run, Permission permission, AccessControlled where) {
        String permissionName = permission.group.title + "/" + permission.name;
        Authentication runAs = authenticationOf(run);
        if (!where.getACL().hasPermission2(runAs, permission)) {
            return Optional.of(Messages.RunAuthorization_DeniedToAuthentication(runAs.getName(), permissionName,
                    describe(where)));
        }
        Optional<String> user = startedBy(run);
        if (user.isPresent() && !holds(user.get(), where, permission)) {
            return Optional.of(Messages.RunAuthorization_DeniedToUser(user.get(), permissionName,
                    describe(where)));
        }
        return Optional.empty();
    }

    /**
     * Whether the user {@code userId} holds {@code permission} on {@code where}. A user Jenkins has no record of, or
     * that the security realm no longer knows, holds none: not even what anonymous users may do.
     */
    public static boolean holds(String userId, AccessControlled where, Permission permission) {
        User user = User.getById(userId, false);
        if (user == null) {
            return false;
        }
        Authentication authentication;
        try {
            authentication = user.impersonate2();
        } catch (RuntimeException e) {
            return false;
        }
        return where.getACL().hasPermission2(authentication, permission);
    }

    /** Whether {@code authentication} is a user: neither SYSTEM nor anonymous. */
    public static boolean isUser(Authentication authentication) {
        return !ACL.SYSTEM2.getName().equals(authentication.getName()) && !ACL.isAnonymous2(authentication);
    }

    private static String describe(AccessControlled where) {
        return where instanceof Item item ? item.getFullName() : "Jenkins";
    }
}
