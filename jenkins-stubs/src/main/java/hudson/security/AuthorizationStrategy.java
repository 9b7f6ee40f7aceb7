package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.util.Collection;

public abstract class AuthorizationStrategy implements Describable<AuthorizationStrategy>, ExtensionPoint {
    public AuthorizationStrategy() {
        throw new UnsupportedOperationException();
    }

    public abstract ACL getRootACL();

    public abstract Collection<String> getGroups();
}
