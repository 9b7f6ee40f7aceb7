package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.QueueListener;
import hudson.model.queue.QueueTaskDispatcher;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenancePolicy;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds queued builds while maintenance of all of Jenkins is on, unless they may go on (see {@link Requesters}).
 * Held builds stay in the queue with the reason and start when maintenance ends. Builds already running go on,
 * including the parts they queue later, such as a Pipeline's {@code node} blocks, and Pipeline builds that resume
 * after a restart.
 *
 * <p>The queue asks on every pass, under its lock. Whether maintenance is on is cheap and asked every time; who an
 * item's requester is walks upstream builds and may ask the security realm, so it is decided once per queued item
 * and forgotten when the item leaves the queue.
 */
@Extension
public class MaintenanceQueueDispatcher extends QueueTaskDispatcher {
    private final Map<Long, Requester> requesters = new ConcurrentHashMap<>();

    @Override
    public CauseOfBlockage canRun(Queue.Item item) {
        // Only a job starts a new build. Other tasks belong to a build already running: a Pipeline's node blocks,
        // or a Pipeline build that takes its executor again after a restart (workflow-job's AfterRestartTask).
        if (!(item.task instanceof Job) || item.task.getOwnerExecutable() != null) {
            return null;
        }
        MaintenanceManager manager = MaintenanceManager.get();
        // Per-environment maintenance holds only the runbook steps aimed at it (MaintenanceGate), not builds.
        if (!manager.isGlobal()) {
            return null;
        }
        Requester requester = requesters.computeIfAbsent(item.getId(), id -> Requesters.of(item));
        MaintenancePolicy.Decision decision = manager.forBuild(requester);
        return decision.allowed() ? null : new HeldForMaintenance(decision.reason());
    }

    /** How many queued items have a kept answer; for tests. */
    int remembered() {
        return requesters.size();
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

    /** Forgets an item's answer when it leaves the queue, started or cancelled. */
    @Extension
    public static final class ForgetLeftItems extends QueueListener {
        @Override
        public void onLeft(Queue.LeftItem item) {
            ExtensionList.lookupSingleton(MaintenanceQueueDispatcher.class).requesters.remove(item.getId());
        }
    }
}
