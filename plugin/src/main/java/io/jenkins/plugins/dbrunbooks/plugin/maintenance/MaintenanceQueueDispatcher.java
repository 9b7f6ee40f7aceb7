package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.Extension;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.QueueTaskDispatcher;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenancePolicy;

/**
 * Holds queued builds while maintenance is on, unless a user with Maintain started them (directly or through
 * upstream builds). Held builds stay in the queue with the reason and start when maintenance ends. Builds already
 * running go on, including the parts they queue later, such as a Pipeline's {@code node} blocks, and Pipeline
 * builds that resume after a restart.
 */
@Extension
public class MaintenanceQueueDispatcher extends QueueTaskDispatcher {
    @Override
    public CauseOfBlockage canRun(Queue.Item item) {
        // Only a job starts a new build. Other tasks belong to a build already running: a Pipeline's node blocks,
        // or a Pipeline build that takes its executor again after a restart (workflow-job's AfterRestartTask).
        if (!(item.task instanceof Job) || item.task.getOwnerExecutable() != null) {
            return null;
        }
        MaintenanceManager manager = MaintenanceManager.get();
        // Only maintenance of all of Jenkins holds builds; looking users up for every queued item costs a call to
        // the security realm, so it waits until then.
        if (!manager.isGlobal()) {
            return null;
        }
        MaintenancePolicy.Decision decision = manager.forBuild(Requesters.of(item.getCauses()));
        return decision.allowed() ? null : new HeldForMaintenance(decision.reason());
    }

    /** The reason shown on the held item, as the policy words it. */
    static final class HeldForMaintenance extends CauseOfBlockage {
        private final String reason;

        HeldForMaintenance(String reason) {
            this.reason = reason;
        }

        @Override
        public String getShortDescription() {
            return reason;
        }
    }
}
