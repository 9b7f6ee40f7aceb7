package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;

public abstract class ManagementLink implements ExtensionPoint, Action {
    public ManagementLink() {
        throw new UnsupportedOperationException();
    }

    @Override
    public abstract String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @Override
    public abstract String getUrlName();

    public Permission getRequiredPermission() {
        throw new UnsupportedOperationException();
    }

    public Category getCategory() {
        throw new UnsupportedOperationException();
    }

    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED;

        public String getLabel() {
            throw new UnsupportedOperationException();
        }
    }
}
