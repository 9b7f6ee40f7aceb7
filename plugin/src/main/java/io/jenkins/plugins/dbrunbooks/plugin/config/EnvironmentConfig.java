package io.jenkins.plugins.dbrunbooks.plugin.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.CredentialsListing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An environment (dev, qa, prod...) as configured in Jenkins. Its backups go under {@code backupRoot} on the
 * agent that runs the step, or into an S3-compatible bucket ({@code s3://bucket/prefix}) that every agent shares; with age recipients they are encrypted so that Jenkins can write them but not read
 * them, and restores decrypt with the identity kept in a secret file credential.
 */
public class EnvironmentConfig implements Describable<EnvironmentConfig> {
    private final String name;
    private boolean protectedEnvironment;
    private String backupRoot;
    private int keepLast;
    private int maxAgeDays;
    /** Null only in configurations saved before safety backups had their own retention; see readResolve. */
    private Integer keepSafetyBackups = Retention.DEFAULT_SAFETY_BACKUPS;
    private String ageRecipients;
    private String ageIdentityCredentialsId;
    private List<DatabaseConfig> databases = new ArrayList<>();
    /** {@code environment/database} whose server receives drill copies; null for each database's own. */
    private String drillTarget;
    private String maxBackupAge;
    private String maxDrillAge;
    private String maxRestoreTime;
    private String objectStoreEndpoint;
    private String objectStoreRegion;
    private boolean objectStorePathStyle;
    private String objectStoreCredentialsId;
    private String objectLockMode;
    private int objectLockDays;

    @DataBoundConstructor
    public EnvironmentConfig(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    public boolean isProtectedEnvironment() {
        return protectedEnvironment;
    }

    @DataBoundSetter
    public void setProtectedEnvironment(boolean protectedEnvironment) {
        this.protectedEnvironment = protectedEnvironment;
    }

    public String getBackupRoot() {
        return backupRoot;
    }

    @DataBoundSetter
    public void setBackupRoot(String backupRoot) {
        this.backupRoot = Util.fixEmptyAndTrim(backupRoot);
    }

    public int getKeepLast() {
        return keepLast;
    }

    @DataBoundSetter
    public void setKeepLast(int keepLast) {
        this.keepLast = keepLast;
    }

    public int getMaxAgeDays() {
        return maxAgeDays;
    }

    @DataBoundSetter
    public void setMaxAgeDays(int maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    public int getKeepSafetyBackups() {
        return keepSafetyBackups == null ? Retention.DEFAULT_SAFETY_BACKUPS : keepSafetyBackups;
    }

    /** A configuration saved before this setting existed gets its default, as a new one does. */
    protected Object readResolve() {
        if (keepSafetyBackups == null) {
            keepSafetyBackups = Retention.DEFAULT_SAFETY_BACKUPS;
        }
        return this;
    }

    @DataBoundSetter
    public void setKeepSafetyBackups(int keepSafetyBackups) {
        this.keepSafetyBackups = keepSafetyBackups;
    }

    /** Public keys ({@code age1...}), one per line. */
    public String getAgeRecipients() {
        return ageRecipients;
    }

    @DataBoundSetter
    public void setAgeRecipients(String ageRecipients) {
        this.ageRecipients = Util.fixEmptyAndTrim(ageRecipients);
    }

    public String getAgeIdentityCredentialsId() {
        return ageIdentityCredentialsId;
    }

    @DataBoundSetter
    public void setAgeIdentityCredentialsId(String id) {
        this.ageIdentityCredentialsId = Util.fixEmptyAndTrim(id);
    }

    public String getDrillTarget() {
        return drillTarget;
    }

    @DataBoundSetter
    public void setDrillTarget(String drillTarget) {
        this.drillTarget = Util.fixEmptyAndTrim(drillTarget);
    }

    public String getMaxBackupAge() {
        return maxBackupAge;
    }

    @DataBoundSetter
    public void setMaxBackupAge(String maxBackupAge) {
        this.maxBackupAge = Util.fixEmptyAndTrim(maxBackupAge);
    }

    public String getMaxDrillAge() {
        return maxDrillAge;
    }

    @DataBoundSetter
    public void setMaxDrillAge(String maxDrillAge) {
        this.maxDrillAge = Util.fixEmptyAndTrim(maxDrillAge);
    }

    public String getMaxRestoreTime() {
        return maxRestoreTime;
    }

    @DataBoundSetter
    public void setMaxRestoreTime(String maxRestoreTime) {
        this.maxRestoreTime = Util.fixEmptyAndTrim(maxRestoreTime);
    }

    public List<DatabaseConfig> getDatabases() {
        return databases;
    }

    @DataBoundSetter
    public void setDatabases(List<DatabaseConfig> databases) {
        this.databases = databases == null ? new ArrayList<>() : new ArrayList<>(databases);
    }

    /** The S3-compatible service's URL when {@code backupRoot} is {@code s3://...}; empty for AWS S3. */
    public String getObjectStoreEndpoint() {
        return objectStoreEndpoint;
    }

    @DataBoundSetter
    public void setObjectStoreEndpoint(String objectStoreEndpoint) {
        this.objectStoreEndpoint = Util.fixEmptyAndTrim(objectStoreEndpoint);
    }

    public String getObjectStoreRegion() {
        return objectStoreRegion;
    }

    @DataBoundSetter
    public void setObjectStoreRegion(String objectStoreRegion) {
        this.objectStoreRegion = Util.fixEmptyAndTrim(objectStoreRegion);
    }

    public boolean isObjectStorePathStyle() {
        return objectStorePathStyle;
    }

    @DataBoundSetter
    public void setObjectStorePathStyle(boolean objectStorePathStyle) {
        this.objectStorePathStyle = objectStorePathStyle;
    }

    /** A username/password credential: access key id and secret access key; empty for the agent's own. */
    public String getObjectStoreCredentialsId() {
        return objectStoreCredentialsId;
    }

    @DataBoundSetter
    public void setObjectStoreCredentialsId(String objectStoreCredentialsId) {
        this.objectStoreCredentialsId = Util.fixEmptyAndTrim(objectStoreCredentialsId);
    }

    /** {@code COMPLIANCE} or {@code GOVERNANCE}; empty for no object lock. */
    public String getObjectLockMode() {
        return objectLockMode;
    }

    @DataBoundSetter
    public void setObjectLockMode(String objectLockMode) {
        this.objectLockMode = Util.fixEmptyAndTrim(objectLockMode);
    }

    public int getObjectLockDays() {
        return objectLockDays;
    }

    @DataBoundSetter
    public void setObjectLockDays(int objectLockDays) {
        this.objectLockDays = objectLockDays;
    }

    /** The object store's settings when the backup root is {@code s3://...}, else null. */
    private ObjectStoreSettings objectStore() {
        if (!ObjectStoreRoot.isObjectStore(backupRoot)) {
            return null;
        }
        return new ObjectStoreSettings(objectStoreEndpoint, objectStoreRegion, objectStorePathStyle,
                objectLockMode == null ? null : new ObjectStoreSettings.ObjectLock(
                        ObjectStoreSettings.Mode.of(objectLockMode), objectLockDays));
    }

    public DatabaseConfig database(String databaseName) {
        return databases.stream().filter(d -> d.getName() != null && d.getName().equals(databaseName)).findFirst()
                .orElse(null);
    }

    public List<String> recipientList() {
        return ageRecipients == null ? List.of()
                : Arrays.stream(ageRecipients.split("\\R")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** The engine's view of this environment; validates everything the engine validates. */
    public Environment toEngine() {
        return new Environment(name, protectedEnvironment, backupRoot, new Retention(keepLast, maxAgeDays,
                getKeepSafetyBackups()), recipientList(), databases.stream().map(DatabaseConfig::toEngine).toList(),
                objectStore(), new Environment.Drills(drillTarget, DatabaseConfig.targets(maxBackupAge, maxDrillAge,
                        maxRestoreTime)));
    }

    @Extension
    @Symbol("environment")
    public static final class DescriptorImpl extends Descriptor<EnvironmentConfig> {
        @Override
        public String getDisplayName() {
            return Messages.EnvironmentConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.name(value);
        }

        @POST
        public FormValidation doCheckBackupRoot(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.backupRoot(value);
        }

        @POST
        public FormValidation doCheckKeepLast(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public FormValidation doCheckKeepSafetyBackups(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public FormValidation doCheckMaxAgeDays(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public FormValidation doCheckAgeRecipients(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.recipients(value);
        }

        @POST
        public FormValidation doCheckObjectStoreEndpoint(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.objectStoreEndpoint(value);
        }

        @POST
        public FormValidation doCheckObjectLockDays(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public ListBoxModel doFillObjectLockModeItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.EnvironmentConfig_NoObjectLock(), "");
            for (ObjectStoreSettings.Mode mode : ObjectStoreSettings.Mode.values()) {
                items.add(mode.name(), mode.name());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillObjectStoreCredentialsIdItems(@QueryParameter String objectStoreCredentialsId) {
            return CredentialsListing.forGlobalConfiguration(StandardUsernamePasswordCredentials.class,
                    objectStoreCredentialsId);
        }

        @POST
        public ListBoxModel doFillAgeIdentityCredentialsIdItems(@QueryParameter String ageIdentityCredentialsId) {
            return CredentialsListing.forGlobalConfiguration(FileCredentials.class, ageIdentityCredentialsId);
        }
    }
}
