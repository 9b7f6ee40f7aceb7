package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import java.io.Serializable;
import java.util.List;

/**
 * The user at the origin of a request and whether that user may maintain. Builds started by a timer, an SCM
 * change or a remote trigger have no user, and nobody without a user may maintain.
 */
public record Requester(String originUser, boolean originMayMaintain) implements Serializable {

    public Requester {
        originUser = originUser == null || originUser.isBlank() ? null : originUser;
        originMayMaintain = originUser != null && originMayMaintain;
    }

    /** One build in an upstream chain: who started it directly (null when nobody did) and their right. */
    public record Link(String user, boolean mayMaintain) implements Serializable {
    }

    public static Requester user(String user, boolean mayMaintain) {
        return new Requester(user, mayMaintain);
    }

    /** A timer, an SCM change, a remote trigger. */
    public static Requester nobody() {
        return new Requester(null, false);
    }

    /**
     * The origin of a build, given its links from the build itself up through its upstream builds: the first
     * link that has a user. A build a timer started downstream of an administrator's build is the
     * administrator's; a chain with no user anywhere belongs to nobody.
     */
    public static Requester chain(List<Link> links) {
        for (Link link : links) {
            if (link.user() != null && !link.user().isBlank()) {
                return new Requester(link.user(), link.mayMaintain());
            }
        }
        return nobody();
    }

    /** The user for messages. */
    public String displayUser() {
        return originUser == null ? "(no user)" : originUser;
    }
}
