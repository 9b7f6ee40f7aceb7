package io.jenkins.plugins.dbrunbooks.engine.credentials;

import java.io.Serializable;

/**
 * The key an object store is signed with: an access key id and its secret (and a session token for temporary
 * keys), or none, in which case the AWS SDK's default chain finds one (environment, profile files, instance or
 * container roles). Jenkins and the CLI resolve it per environment; only the store reveals the secret.
 */
public record ObjectStoreCredential(String accessKeyId, SecretValue secretAccessKey, SecretValue sessionToken)
        implements Serializable {

    private static final ObjectStoreCredential DEFAULT_CHAIN = new ObjectStoreCredential(null, null, null);

    public ObjectStoreCredential {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("An access key id needs its secret, and a secret its key id");
        }
    }

    public static ObjectStoreCredential of(String accessKeyId, SecretValue secretAccessKey) {
        return new ObjectStoreCredential(accessKeyId, secretAccessKey, null);
    }

    public static ObjectStoreCredential defaultChain() {
        return DEFAULT_CHAIN;
    }

    public boolean usesDefaultChain() {
        return accessKeyId == null;
    }

    @Override
    public String toString() {
        return usesDefaultChain() ? "default credential chain" : "access key " + accessKeyId;
    }
}
