package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.KeyAgreement;

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

    /**
     * The fingerprints of the recipients an identity file's keys decrypt for, in the manifests' form, so that a
     * wrong key can be named without showing it: X25519 of each secret scalar and the base point is its public
     * key.
     */
    public static List<String> identityFingerprints(SecretValue identityFile) {
        List<String> fingerprints = new ArrayList<>();
        for (String line : identityFile.reveal().split("\\R")) {
            String key = line.trim();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            try {
                byte[] scalar = Bech32.getDecoder().decode(key.toLowerCase(Locale.ROOT)).getData();
                KeyFactory factory = KeyFactory.getInstance("XDH");
                KeyAgreement agreement = KeyAgreement.getInstance("XDH");
                agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar)));
                agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                        BigInteger.valueOf(9))), true);
                fingerprints.add(fingerprint(Bech32.getEncoder().encode("age", agreement.generateSecret())
                        .toString()));
            } catch (GeneralSecurityException | RuntimeException e) {
                // identities() refuses such a line with its own message; the key never reaches one.
            }
        }
        return fingerprints;
    }

    private static String shorten(String value) {
        return value.length() > 70 ? value.substring(0, 70) + "..." : value;
    }
}
