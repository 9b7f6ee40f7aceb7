package io.jenkins.plugins.dbrunbooks.plugin.credentials;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The logins one operation needs, looked up on the controller before it starts, and handed to the engine on the
 * agent. Nothing else is in it, so an operation can use no credential it was not meant to. The object-store keys
 * are those of the environments it reads or writes backups of; an environment without a key configured uses the
 * agent's own (the AWS SDK's default chain: its instance or container role, its environment).
 */
public final class ResolvedCredentials implements CredentialResolver, ObjectStoreLogins, Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, DbCredential> logins = new HashMap<>();
    private final Map<String, ObjectStoreCredential> objectStoreKeys = new HashMap<>();

    /** One environment's object-store key, as looked up on the controller. */
    public record ObjectStoreKey(String environment, ObjectStoreCredential credential) implements Serializable {
    }

    /** Adds an environment's object-store key; null adds nothing. */
    public ResolvedCredentials withObjectStore(ObjectStoreKey key) {
        if (key != null) {
            objectStoreKeys.put(key.environment(), key.credential());
        }
        return this;
    }

    @Override
    public ObjectStoreCredential resolve(Environment environment) {
        return objectStoreKeys.getOrDefault(environment.name(), ObjectStoreCredential.defaultChain());
    }

    public ResolvedCredentials put(String environment, String database, Role role, DbCredential login) {
        logins.put(key(environment, database, role), login);
        return this;
    }

    @Override
    public DbCredential resolve(Environment environment, DatabaseTarget database, Role role) {
        DbCredential login = logins.get(key(environment.name(), database.name(), role));
        if (login == null) {
            throw new RunbookException(ErrorKind.CREDENTIALS, "No " + role.id() + " credential was resolved for '"
                    + environment.name() + "/" + database.name() + "'");
        }
        return login;
    }

    private static String key(String environment, String database, Role role) {
        return environment + "/" + database + "/" + role.id();
    }

    @Override
    public String toString() {
        return "ResolvedCredentials" + logins.keySet() + objectStoreKeys.keySet();
    }
}
