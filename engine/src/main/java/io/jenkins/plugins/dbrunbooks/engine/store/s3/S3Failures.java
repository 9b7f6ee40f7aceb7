package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns what the S3 client throws into the engine's error kinds, naming the store and what to do. */
final class S3Failures {
    private static final Set<String> REFUSED_KEYS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "InvalidSecurity");

    private S3Failures() {
    }

    static RunbookException of(SdkException e, ObjectStoreRoot root, String endpoint, String doing) {
        String where = "'" + root + "'" + (endpoint == null ? "" : " at " + endpoint);
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (code != null && REFUSED_KEYS.contains(code)) {
                return new RunbookException(ErrorKind.CREDENTIALS, "The object store " + where + " refused the key"
                        + " while " + doing + " (" + code + ")",
                        "Check the access key id and secret configured for this environment's object store.", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new RunbookException(ErrorKind.NOT_FOUND, "Bucket '" + root.bucket() + "' does not exist"
                        + (endpoint == null ? "" : " at " + endpoint) + " (while " + doing + ")",
                        "Create the bucket, or correct the environment's backupRoot, endpoint and region.", e);
            }
            if (s3.statusCode() == 403) {
                return new RunbookException(ErrorKind.CREDENTIALS, "The object store " + where + " denied "
                        + doing + " (" + code + ")", "Grant this key the permissions docs/object-storage.md lists"
                                + " for its role.", e);
            }
            return new RunbookException(ErrorKind.STORAGE, "The object store " + where + " failed " + doing + ": "
                    + (code == null ? "HTTP " + s3.statusCode() : code), "Check the service and try again.", e);
        }
        if (e instanceof SdkClientException && unreachable(e)) {
            return new RunbookException(ErrorKind.CONNECTION, "Cannot reach the object store " + where + " while "
                    + doing + ": " + rootCause(e).getClass().getSimpleName() + " " + rootCause(e).getMessage(),
                    "Check the endpoint and that the service is running and reachable from this machine.", e);
        }
        return new RunbookException(ErrorKind.STORAGE, "The object store " + where + " failed " + doing + ": "
                + e.getMessage(), "Check the service and try again.", e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
