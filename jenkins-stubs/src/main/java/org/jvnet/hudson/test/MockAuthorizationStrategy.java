package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import java.util.Collection;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException();
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ACL getRootACL() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<String> getGroups() {
        throw new UnsupportedOperationException();
    }

    public class Grant {
        Grant() {
            throw new UnsupportedOperationException();
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException();
        }

        public GrantOn onRoot() {
            throw new UnsupportedOperationException();
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException();
        }

        public GrantOn onFolders(ItemGroup<?>... folders) {
            throw new UnsupportedOperationException();
        }

        public class GrantOn {
            GrantOn() {
                throw new UnsupportedOperationException();
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException();
            }
        }
    }
}
