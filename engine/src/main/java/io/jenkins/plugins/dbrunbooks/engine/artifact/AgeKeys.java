package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * age X25519 keys: recipients ({@code age1...}, public, in the configuration) and identities
 * ({@code AGE-SECRET-KEY-1...}, secret, in a file only the restorer holds).
 */
public final class AgeKeys {
    private AgeKeys() {
    }

    public static List<RecipientStanzaWriter> recipients(List<String> recipients) {
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (String recipient : recipients) {
            writers.add(recipient(recipient));
        }
        return writers;
    }

    /** Checks one recipient, as configuration forms do before saving it. */
    public static RecipientStanzaWriter recipient(String recipient) {
        String value = recipient == null ? "" : recipient.trim();
        try {
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Age recipient '" + shorten(value) + "' is not a valid X25519 public key",
                    "Give the 'age1...' line that age-keygen prints as 'Public key'.", e);
        }
    }

    /** A short, stable name for a recipient, recorded in manifests. */
    public static String fingerprint(String recipient) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(recipient.trim().getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an identity file; its content is kept as a secret. */
    public static SecretValue readIdentityFile(Path file) {
        try {
            return SecretValue.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.USAGE, "Identity file '" + file + "' cannot be read: "
                    + e.getClass().getSimpleName(), "Give a readable file written by age-keygen.", e);
        }
    }

    /** The keys of an identity file as age-keygen writes it: comments and one or more secret keys. */
    public static List<RecipientStanzaReader> identities(SecretValue identityFile) {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (String line : identityFile.reveal().split("\\R")) {
            String key = line.trim();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(key));
            } catch (GeneralSecurityException | RuntimeException e) {
                // The key itself must never reach a message.
                throw new RunbookException(ErrorKind.USAGE,
                        "The age identity holds a line that is not an X25519 secret key",
                        "Give a file written by age-keygen.", null);
            }
        }
        if (readers.isEmpty()) {
            throw new RunbookException(ErrorKind.USAGE, "The age identity holds no secret key",
                    "Give a file written by age-keygen.");
        }
        return readers;
    }

    private static String shorten(String value) {
        return value.length() > 70 ? value.substring(0, 70) + "..." : value;
    }
}
