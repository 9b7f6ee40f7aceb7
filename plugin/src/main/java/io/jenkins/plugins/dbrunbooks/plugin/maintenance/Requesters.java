package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunAuthorization;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.List;
import java.util.Optional;

/**
 * Who asks for a build or a step, as the maintenance policy sees it: the user who started it, directly or through
 * upstream builds, and whether that user holds Maintain. Timers, SCM polling and remote triggers have no user.
 */
final class Requesters {
    private Requesters() {
    }

    static Requester of(List<Cause> causes) {
        return requester(RunAuthorization.startedBy(causes));
    }

    static Requester of(Run<?, ?> run) {
        return requester(RunAuthorization.startedBy(run));
    }

    private static Requester requester(Optional<String> user) {
        boolean mayMaintain = user.isPresent() && RunAuthorization.isAllowed(user, RunbookPermissions.MAINTAIN);
        return Requester.chain(List.of(new Requester.Link(user.orElse(null), mayMaintain)));
    }
}
