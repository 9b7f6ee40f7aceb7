package hudson.security;

import hudson.model.User;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    public static boolean isAnonymous2(Authentication authentication) {
        throw new UnsupportedOperationException();
    }

    public ACL() {
        throw new UnsupportedOperationException();
    }

    public final void checkPermission(Permission p) {
        throw new UnsupportedOperationException();
    }

    public final boolean hasPermission(Permission p) {
        throw new UnsupportedOperationException();
    }

    public boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException();
    }

    public static ACLContext as(User user) {
        throw new UnsupportedOperationException();
    }
}
