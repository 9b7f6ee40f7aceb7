package hudson.model;

import hudson.util.Secret;

public final class BuildAuthorizationToken {
    public BuildAuthorizationToken(Secret token) {
        throw new UnsupportedOperationException();
    }
}
