package io.jenkins.plugins.dbrunbooks.plugin.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * Looks credentials up at use time in the context of the run, so folder credentials work and the use is
 * tracked, and turns them into the engine's types. Only the controller calls this; what it returns travels to
 * the agent inside the callable that needs it, and nowhere else.
 */
public final class RunCredentials {
    private RunCredentials() {
    }

    public static DbCredential login(Run<?, ?> run, EnvironmentConfig environment, DatabaseConfig database,
            Role role) {
        String id = database.credentialsIdFor(role);
        if (id == null) {
            throw new RunbookException(ErrorKind.CREDENTIALS, "Database '" + environment.getName() + "/"
                    + database.getName() + "' has no " + role.id() + " credential",
                    "Choose one in Manage Jenkins > System > Database Runbooks.");
        }
        StandardUsernamePasswordCredentials credential = find(run, id, StandardUsernamePasswordCredentials.class,
                "username with password");
        CredentialsProvider.track(run, credential);
        return DbCredential.of(credential.getUsername(), credential.getPassword().getPlainText());
    }

    /**
     * The key of an environment's object store: a username/password credential holding the access key id as its
     * username and the secret access key as its password.
     */
    public static ObjectStoreCredential objectStoreKey(Run<?, ?> run, EnvironmentConfig environment) {
        String id = environment.getObjectStoreCredentialsId();
        StandardUsernamePasswordCredentials credential = find(run, id, StandardUsernamePasswordCredentials.class,
                "username with password");
        CredentialsProvider.track(run, credential);
        return ObjectStoreCredential.of(credential.getUsername(),
                SecretValue.of(credential.getPassword().getPlainText()));
    }

    /** The age identity of an environment, for restores and verification of encrypted backups. */
    public static SecretValue ageIdentity(Run<?, ?> run, EnvironmentConfig environment) {
        String id = environment.getAgeIdentityCredentialsId();
        if (id == null) {
            return null;
        }
        FileCredentials file = find(run, id, FileCredentials.class, "secret file");
        CredentialsProvider.track(run, file);
        try (InputStream in = file.getContent()) {
            return SecretValue.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.CREDENTIALS, "Secret file credential '" + id
                    + "' cannot be read: " + e.getClass().getSimpleName(), null, e);
        }
    }

    private static <C extends StandardCredentials> C find(Run<?, ?> run, String id, Class<C> type,
            String typeName) {
        C found = CredentialsProvider.findCredentialById(id, type, run, List.of());
        if (found != null) {
            return found;
        }
        StandardCredentials other = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                List.of());
        if (other != null) {
            throw new RunbookException(ErrorKind.CREDENTIALS, "Credential '" + id + "' is a "
                    + other.getDescriptor().getDisplayName() + ", not a " + typeName,
                    "Choose a " + typeName + " credential.");
        }
        throw new RunbookException(ErrorKind.CREDENTIALS, "Credential '" + id + "' was not found for this build",
                "Check the id, and that the credential is visible to this job (global or in its folder).");
    }
}
