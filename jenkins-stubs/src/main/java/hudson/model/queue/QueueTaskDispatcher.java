package hudson.model.queue;

import hudson.ExtensionPoint;
import hudson.model.Queue;

public abstract class QueueTaskDispatcher implements ExtensionPoint {
    public CauseOfBlockage canRun(Queue.Item item) {
        throw new UnsupportedOperationException();
    }
}
