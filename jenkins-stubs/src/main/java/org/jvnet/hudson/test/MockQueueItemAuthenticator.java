package org.jvnet.hudson.test;

import hudson.model.Queue;
import jenkins.security.QueueItemAuthenticator;
import org.springframework.security.core.Authentication;

public final class MockQueueItemAuthenticator extends QueueItemAuthenticator {
    public MockQueueItemAuthenticator() {
        throw new UnsupportedOperationException();
    }

    public MockQueueItemAuthenticator authenticate(String jobFullName, Authentication authentication) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Authentication authenticate2(Queue.Item item) {
        throw new UnsupportedOperationException();
    }
}
