package jenkins.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public abstract class QueueItemAuthenticator implements Describable<QueueItemAuthenticator>, ExtensionPoint {
    public Authentication authenticate2(Queue.Item item) {
        throw new UnsupportedOperationException();
    }

    public Authentication authenticate2(Queue.Task task) {
        throw new UnsupportedOperationException();
    }
}
