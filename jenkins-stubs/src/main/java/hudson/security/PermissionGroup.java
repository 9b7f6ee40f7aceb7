package hudson.security;

import org.jvnet.localizer.Localizable;

public final class PermissionGroup {
    public final Class owner = null;
    public final Localizable title = null;

    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
        throw new UnsupportedOperationException();
    }
}
