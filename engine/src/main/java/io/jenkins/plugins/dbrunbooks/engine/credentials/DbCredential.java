package io.jenkins.plugins.dbrunbooks.engine.credentials;

import java.io.Serializable;
import java.util.Optional;

/**
 * A resolved database login: a user and its secret, or {@link #integrated()} where the server authenticates the
 * operating system user (peer, Kerberos, trust).
 */
public record DbCredential(String user, SecretValue secret) implements Serializable {

    public static DbCredential integrated() {
        return new DbCredential(null, null);
    }

    public static DbCredential of(String user, String secret) {
        return new DbCredential(user, secret == null ? null : SecretValue.of(secret));
    }

    public Optional<String> userName() {
        return Optional.ofNullable(user).filter(u -> !u.isBlank());
    }

    public Optional<SecretValue> password() {
        return Optional.ofNullable(secret).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "DbCredential[user=" + userName().orElse("(integrated)") + "]";
    }
}
