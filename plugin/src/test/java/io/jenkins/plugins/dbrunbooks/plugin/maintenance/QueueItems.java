package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.model.Queue;
import org.jvnet.hudson.test.JenkinsRule;

/** What the queue says about a task's item. */
final class QueueItems {
    private QueueItems() {
    }

    /** Waits until the queue has decided about the task's item and says why it is held. */
    static String heldBecause(JenkinsRule j, Queue.Task task) throws InterruptedException {
        while (true) {
            Queue.Item item = j.jenkins.getQueue().getItem(task);
            if (item != null && item.getCauseOfBlockage() != null) {
                return item.getCauseOfBlockage().getShortDescription();
            }
            Thread.sleep(100);
        }
    }
}
