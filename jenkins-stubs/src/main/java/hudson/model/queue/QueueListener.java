package hudson.model.queue;

import hudson.ExtensionPoint;
import hudson.model.Queue;

public abstract class QueueListener implements ExtensionPoint {
    public QueueListener() {
        throw new UnsupportedOperationException();
    }

    public void onLeft(Queue.LeftItem li) {
        throw new UnsupportedOperationException();
    }
}
