package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import java.io.Serializable;

/**
 * Verify one backup ({@code latest} or an id). With {@code ageIdentity} (the content of an age identity file)
 * an encrypted backup is decrypted and decompressed as a whole; without it only its checksum can be checked.
 */
public record VerifyRequest(String environment, String database, String backup, SecretValue ageIdentity)
        implements Serializable {
}
