package io.jenkins.plugins.dbrunbooks.engine.verify;

import java.util.Locale;

/**
 * How far a verification got, each level including the ones below it. A backup is only ever called good up to the
 * level reached: a checksum that matches says nothing about whether the stream inside can be read.
 */
public enum VerificationLevel {
    /** Nothing passed. */
    NONE("nothing could be checked"),
    /** The stored file has the size and SHA-256 its manifest records. */
    CHECKSUM("the stored file matches its manifest's size and SHA-256"),
    /** The whole payload was decrypted and decompressed to the size the manifest records. */
    STREAM("the payload decrypts and decompresses to the size its manifest records"),
    /** The method's own format was read through to its end, as the engine and method in the manifest wrote it. */
    STRUCTURE("the payload reads through to its end in the format of the manifest's engine and method"),
    /** Restored into a database and compared; for restore drills, which verify does not run. */
    RESTORE("the backup was restored into a database");

    private final String meaning;

    VerificationLevel(String meaning) {
        this.meaning = meaning;
    }

    /** The name as output and result maps show it: {@code checksum}, {@code stream}... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }
}
