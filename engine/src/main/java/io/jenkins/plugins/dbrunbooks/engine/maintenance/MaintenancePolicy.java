package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Whether maintenance holds a build or a runbook step, and the reason a person will read. Pure: the caller
 * brings the state, the time and the requester.
 */
public final class MaintenancePolicy {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MaintenancePolicy() {
    }

    /** Allow, or hold with the window that holds and its reason. */
    public record Decision(boolean allowed, String reason, MaintenanceWindow window) implements Serializable {
        private static final Decision ALLOW = new Decision(true, null, null);

        public Decision {
            if (allowed != (window == null) || allowed != (reason == null)) {
                throw new IllegalArgumentException("A hold needs a window and a reason; an allowance has neither");
            }
        }

        public static Decision allow() {
            return ALLOW;
        }

        public static Decision hold(MaintenanceWindow window) {
            return new Decision(false, describe(window), window);
        }

        public boolean held() {
            return !allowed;
        }
    }

    /** Global maintenance holds every build whose origin may not maintain. */
    public static Decision forBuild(MaintenanceState state, Instant now, Requester requester) {
        return decide(state, now, requester, MaintenanceWindow::isGlobal);
    }

    /** Maintenance of an environment, or global maintenance, holds steps aimed at that environment. */
    public static Decision forStep(MaintenanceState state, Instant now, String environment, Requester requester) {
        Objects.requireNonNull(environment, "environment");
        return decide(state, now, requester, w -> w.covers(environment));
    }

    private static Decision decide(MaintenanceState state, Instant now, Requester requester,
            Predicate<MaintenanceWindow> applies) {
        if (requester.originMayMaintain()) {
            return Decision.allow();
        }
        List<MaintenanceWindow> holding = state.active(now).stream().filter(applies).toList();
        if (holding.isEmpty()) {
            return Decision.allow();
        }
        return Decision.hold(endingLast(holding));
    }

    /** The window people should be told about: the one that keeps holding longest; the earliest on a tie. */
    private static MaintenanceWindow endingLast(List<MaintenanceWindow> windows) {
        MaintenanceWindow last = windows.get(0);
        for (MaintenanceWindow w : windows) {
            if (last.until() != null && (w.until() == null || w.until().isAfter(last.until()))) {
                last = w;
            }
        }
        return last;
    }

    /** The sentence a person reads on a held build, a refused step or the banner. */
    public static String describe(MaintenanceWindow window) {
        StringBuilder text = new StringBuilder("Database maintenance: ").append(window.reason())
                .append(", by ").append(window.enabledBy())
                .append(" since ").append(TIME.format(window.since()))
                .append(", until ").append(window.until() == null ? "turned off" : TIME.format(window.until()));
        if (!window.isGlobal()) {
            text.append(" (environments ").append(String.join(", ", window.environments())).append(')');
        }
        return text.toString();
    }
}
