package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class SecurityRealm implements Describable<SecurityRealm>, ExtensionPoint {
    public SecurityRealm() {
        throw new UnsupportedOperationException();
    }

    public abstract SecurityComponents createSecurityComponents();

    public static final class SecurityComponents {
        public SecurityComponents() {
            throw new UnsupportedOperationException();
        }
    }
}
