package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.model.Queue;
import hudson.model.Run;
import hudson.security.AccessControlled;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunAuthorization;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.Optional;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Who asks for a build or a step, as the maintenance policy sees it, and whether they may go on during
 * maintenance (Maintain on the job, so a grant on its folder counts):
 * <ul>
 * <li>a user started it, directly or through upstream builds: that user decides;
 * <li>nobody did (timer, SCM, webhook): its authentication decides when it is a user, as Authorize Project makes
 * it; SYSTEM, the authentication of every build where nothing sets one, is nobody, so maintenance holds it.
 * </ul>
 * Each answer may ask the security realm (LDAP, Active Directory) about a user: callers keep it.
 */
final class Requesters {
    private Requesters() {
    }

    static Requester of(Queue.Item item) {
        AccessControlled where = item.task instanceof AccessControlled job ? job : Jenkins.get();
        return requester(RunAuthorization.startedBy(item.getCauses()), item::authenticate2, where);
    }

    static Requester of(Run<?, ?> run) {
        return requester(RunAuthorization.startedBy(run), () -> RunAuthorization.authenticationOf(run),
                run.getParent());
    }

    private static Requester requester(Optional<String> user, Supplier<Authentication> authentication,
            AccessControlled where) {
        if (user.isPresent()) {
            return Requester.user(user.get(), RunAuthorization.holds(user.get(), where, RunbookPermissions.MAINTAIN));
        }
        Authentication runAs = authentication.get();
        if (!RunAuthorization.isUser(runAs)) {
            return Requester.nobody();
        }
        return Requester.user(runAs.getName(), where.getACL().hasPermission2(runAs, RunbookPermissions.MAINTAIN));
    }
}
