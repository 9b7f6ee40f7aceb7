package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A backup root {@code s3://bucket/prefix}: the bucket as S3 names them, and a prefix (possibly empty) of path
 * segments under which the store lays out {@code <environment>/<database>/}. Both are checked strictly, since they
 * travel into request paths and IAM policies.
 */
public record ObjectStoreRoot(String bucket, String prefix) implements Serializable {
    public static final String SCHEME = "s3://";
    // S3's rules for new buckets: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending alphanumeric.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public static boolean isObjectStore(String backupRoot) {
        return backupRoot != null && backupRoot.startsWith(SCHEME);
    }

    public static ObjectStoreRoot parse(String backupRoot) {
        String rest = backupRoot.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Bucket '" + bucket + "' in backup root '"
                    + backupRoot + "' is not a valid bucket name",
                    "Use 3 to 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit.");
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                    throw new RunbookException(ErrorKind.CONFIGURATION, "Prefix '" + prefix + "' in backup root '"
                            + backupRoot + "' is not valid", "Use segments of letters, digits, '.', '-' or '_'"
                                    + " separated by single '/', none starting with '.'.");
                }
            }
        }
        return new ObjectStoreRoot(bucket, prefix);
    }

    /** The key of {@code name} under the prefix. */
    public String key(String... segments) {
        StringBuilder key = new StringBuilder(prefix);
        for (String segment : segments) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
