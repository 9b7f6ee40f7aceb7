package io.jenkins.plugins.dbrunbooks.engine.credentials;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A secret that never shows itself: {@code toString} is masked, so a secret that slips into a message, a log
 * line or a serialized result still reads as {@code ****}.
 */
public final class SecretValue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char[] value;

    private SecretValue(char[] value) {
        this.value = value.clone();
    }

    public static SecretValue of(String plain) {
        return new SecretValue(plain.toCharArray());
    }

    public static SecretValue of(char[] plain) {
        return new SecretValue(plain);
    }

    /** The secret itself, for the one place that hands it to a driver or a tool. */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
