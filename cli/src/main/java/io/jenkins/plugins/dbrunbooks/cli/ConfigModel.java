package io.jenkins.plugins.dbrunbooks.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The YAML file as written, before paths are resolved and names checked. It is bound strictly (unknown keys are
 * errors) so that a typo such as {@code pasword_env} fails loudly instead of silently dropping a setting.
 */
final class ConfigModel {
    private ConfigModel() {
    }

    record File(String auditLog, List<String> toolPaths, String workDir, List<EnvironmentSpec> environments) {
    }

    record EnvironmentSpec(String name, @JsonProperty("protected") Boolean protectedEnvironment, String backupRoot,
            ObjectStoreSpec objectStore, RetentionSpec retention, List<String> ageRecipients, String drillTarget,
            TargetsSpec targets, List<DatabaseSpec> databases) {
    }

    /** Recovery targets: durations such as {@code 26h}, {@code 8d} or {@code 30m}. */
    record TargetsSpec(String maxBackupAge, String maxDrillAge, String maxRestoreTime) {
    }

    /** How to reach the S3-compatible service of an {@code s3://} backup root. */
    record ObjectStoreSpec(String endpoint, String region, Boolean pathStyle, ObjectStoreKeySpec credentials,
            ObjectLockSpec objectLock) {
    }

    /**
     * The key, from the environment or a file; absent, the AWS SDK's default chain (its variables, profile files,
     * instance and container roles).
     */
    record ObjectStoreKeySpec(String accessKeyId, String accessKeyIdEnv, String secretAccessKeyEnv,
            String secretAccessKeyFile, String sessionTokenEnv) {
    }

    record ObjectLockSpec(String mode, Integer days) {
    }

    record RetentionSpec(Integer keepLast, Integer maxAgeDays, Integer keepSafetyBackups) {
    }

    /** {@code fingerprints: false} takes the database's backups without data fingerprints; on when absent. */
    record DatabaseSpec(String name, String url, String method, Boolean allowPartial, CredentialsSpec credentials,
            Integer connectTimeout, Integer readTimeout, TargetsSpec targets, Boolean fingerprints) {
    }

    record CredentialsSpec(CredentialSpec backup, CredentialSpec restore, CredentialSpec deploy) {
    }

    /** One login: a user with a password from the environment or a file, or the server's own authentication. */
    record CredentialSpec(String user, String passwordEnv, String passwordFile, Boolean integrated) {
        boolean isIntegrated() {
            return Boolean.TRUE.equals(integrated);
        }
    }
}
