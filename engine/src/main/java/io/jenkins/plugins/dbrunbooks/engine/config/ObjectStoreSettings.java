package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * How to reach the S3-compatible service of an environment whose {@code backupRoot} is {@code s3://bucket/prefix}.
 * Credentials are not here: the caller resolves them per environment, as it does database logins.
 *
 * @param endpoint the service's URL ({@code https://minio.example:9000}); null for AWS S3 itself
 * @param region the signing region; null takes the SDK's default chain, else {@code us-east-1}
 * @param pathStyle {@code https://host/bucket/key} rather than {@code https://bucket.host/key}, as MinIO and most
 *     self-hosted services need
 * @param objectLock retention set on every object uploaded, or null for none
 */
public record ObjectStoreSettings(String endpoint, String region, boolean pathStyle, ObjectLock objectLock)
        implements Serializable {

    public static final ObjectStoreSettings AWS = new ObjectStoreSettings(null, null, false, null);

    public ObjectStoreSettings {
        endpoint = blankToNull(endpoint);
        region = blankToNull(region);
        if (endpoint != null) {
            requireEndpoint(endpoint);
        }
        if (region != null && !region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Region '" + region + "' is not valid",
                    "Use a region name such as 'eu-central-1' or 'us-east-1'.");
        }
    }

    private static void requireEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                throw new URISyntaxException(endpoint, "not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Object store endpoint '" + endpoint
                    + "' is not valid", "Give the service's URL, such as 'https://minio.example.com:9000', with no"
                            + " credentials in it.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * S3 Object Lock retention: every object is kept {@code days} days from its upload in {@code mode}; the bucket
     * must have Object Lock enabled. Prune leaves such backups alone until it ends.
     */
    public record ObjectLock(Mode mode, int days) implements Serializable {
        public ObjectLock {
            if (mode == null || days < 1 || days > 36500) {
                throw new RunbookException(ErrorKind.CONFIGURATION, "Object lock '" + mode + ", " + days
                        + " days' is not valid", "Give mode COMPLIANCE or GOVERNANCE and 1 to 36500 days.");
            }
        }
    }

    public enum Mode {
        /** Nobody, not even the bucket's owner, can delete or shorten it before it ends. */
        COMPLIANCE,
        /** Users with s3:BypassGovernanceRetention can still delete it. */
        GOVERNANCE;

        public static Mode of(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new RunbookException(ErrorKind.CONFIGURATION, "Object lock mode '" + value + "' is not valid",
                        "Use COMPLIANCE or GOVERNANCE.");
            }
        }
    }
}
