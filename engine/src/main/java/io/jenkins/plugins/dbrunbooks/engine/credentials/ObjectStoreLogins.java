package io.jenkins.plugins.dbrunbooks.engine.credentials;

import io.jenkins.plugins.dbrunbooks.engine.config.Environment;

/** The object-store key of each environment that keeps its backups in one, resolved by the CLI or Jenkins. */
@FunctionalInterface
public interface ObjectStoreLogins {

    ObjectStoreLogins DEFAULT_CHAIN = environment -> ObjectStoreCredential.defaultChain();

    /**
     * @throws io.jenkins.plugins.dbrunbooks.engine.error.RunbookException of kind CREDENTIALS when the key cannot be
     *     read
     */
    ObjectStoreCredential resolve(Environment environment);
}
