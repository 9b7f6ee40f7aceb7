package hudson.security;

public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {
    public AbstractPasswordBasedSecurityRealm() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SecurityComponents createSecurityComponents() {
        throw new UnsupportedOperationException();
    }
}
