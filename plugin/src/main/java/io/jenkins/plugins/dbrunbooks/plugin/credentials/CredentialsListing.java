package io.jenkins.plugins.dbrunbooks.plugin.credentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;

/** Credential drop-downs of the global configuration, shown only to administrators. */
public final class CredentialsListing {
    private CredentialsListing() {
    }

    public static ListBoxModel forGlobalConfiguration(Class<? extends StandardCredentials> type, String current) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeAs(ACL.SYSTEM2, Jenkins.get(), type)
                .includeCurrentValue(current);
    }
}
