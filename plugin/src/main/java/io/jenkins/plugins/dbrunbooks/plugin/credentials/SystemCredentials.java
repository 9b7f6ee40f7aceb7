package io.jenkins.plugins.dbrunbooks.plugin.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.security.ACL;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Logins that Jenkins itself uses outside any build, such as the restore login that locks a database for
 * maintenance: looked up as the system among the global credentials.
 */
public final class SystemCredentials {
    private SystemCredentials() {
    }

    public static DbCredential login(String credentialsId) throws AbortException {
        StandardUsernamePasswordCredentials c = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StandardUsernamePasswordCredentials.class,
                        Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(credentialsId));
        if (c == null) {
            throw new AbortException("No global username with password credential '" + credentialsId + "'."
                    + " Add it in Manage Jenkins > Credentials, or choose another one.");
        }
        return DbCredential.of(c.getUsername(), c.getPassword().getPlainText());
    }
}
