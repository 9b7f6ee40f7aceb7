package jenkins.security;

import hudson.util.DescribableList;
import jenkins.model.GlobalConfiguration;

public class QueueItemAuthenticatorConfiguration extends GlobalConfiguration {
    public DescribableList<QueueItemAuthenticator, QueueItemAuthenticatorDescriptor> getAuthenticators() {
        throw new UnsupportedOperationException();
    }

    public static QueueItemAuthenticatorConfiguration get() {
        throw new UnsupportedOperationException();
    }
}
