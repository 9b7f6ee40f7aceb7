package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenancePolicy;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;

/**
 * Where runbook steps wait while their environment is in maintenance: the reason goes to the build log once, the
 * state is checked again every few seconds, and an abort ends the wait by interrupting it.
 */
public final class MaintenanceGate {
    /** How often a waiting step looks again; tests shorten it. */
    static long pollMillis = Long.getLong(MaintenanceGate.class.getName() + ".pollMillis", 5000L);

    private MaintenanceGate() {
    }

    public static void await(Run<?, ?> run, TaskListener listener, String environment) throws InterruptedException {
        await(run, listener, environment, () -> { });
    }

    /** As {@link #await(Run, TaskListener, String)}, telling {@code onWait} once when the wait begins. */
    public static void await(Run<?, ?> run, TaskListener listener, String environment, Runnable onWait)
            throws InterruptedException {
        Requester requester = null;
        boolean waited = false;
        while (true) {
            MaintenanceManager manager = MaintenanceManager.get();
            if (!manager.isOn()) {
                break;
            }
            if (requester == null) {
                requester = Requesters.of(run);
            }
            MaintenancePolicy.Decision decision = manager.forStep(environment, requester);
            if (decision.allowed()) {
                break;
            }
            if (!waited) {
                listener.getLogger().println(Messages.MaintenanceGate_Waiting(decision.reason()));
                waited = true;
                onWait.run();
            }
            Thread.sleep(pollMillis);
        }
        if (waited) {
            listener.getLogger().println(Messages.MaintenanceGate_Resumed(environment));
        }
    }
}
