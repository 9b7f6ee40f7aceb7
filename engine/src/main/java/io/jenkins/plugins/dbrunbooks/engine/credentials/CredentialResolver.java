package io.jenkins.plugins.dbrunbooks.engine.credentials;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;

/**
 * Turns the credential a database names for a role into a login. Jenkins resolves through the Credentials
 * plugin, the CLI through environment variables and files; the engine never learns where secrets live.
 */
@FunctionalInterface
public interface CredentialResolver {

    /**
     * @throws io.jenkins.plugins.dbrunbooks.engine.error.RunbookException of kind CREDENTIALS when the role has
     *     no usable credential
     */
    DbCredential resolve(Environment environment, DatabaseTarget database, Role role);
}
