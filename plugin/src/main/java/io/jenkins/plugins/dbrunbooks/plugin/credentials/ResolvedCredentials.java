package io.jenkins.plugins.dbrunbooks.plugin.credentials;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The logins one operation needs, looked up on the controller before it starts, and handed to the engine on the
 * agent. Nothing else is in it, so an operation can use no credential it was not meant to.
 */
public final class ResolvedCredentials implements CredentialResolver, Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, DbCredential> logins = new HashMap<>();

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
        return "ResolvedCredentials" + logins.keySet();
    }
}
