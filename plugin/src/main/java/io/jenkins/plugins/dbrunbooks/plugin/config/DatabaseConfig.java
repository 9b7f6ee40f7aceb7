package io.jenkins.plugins.dbrunbooks.plugin.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.CredentialsListing;
import java.util.EnumMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One database of an environment, as configured in Jenkins: where it is, its method, and the ids of the
 * Credentials plugin entries (username with password) that serve each role.
 */
public class DatabaseConfig implements Describable<DatabaseConfig> {
    private final String name;
    private final String url;
    private String method = MethodChoice.AUTO.id();
    private String backupCredentialsId;
    private String restoreCredentialsId;
    private String deployCredentialsId;
    /** Seconds; null takes the engine's default, so older saved configurations keep working unchanged. */
    private Integer connectTimeout;
    private Integer readTimeout;
    private boolean allowPartial;
    /** Null (as in configurations saved before it existed) means on. */
    private Boolean fingerprints;
    /** Durations as {@code 26h}; null takes the environment's. */
    private String maxBackupAge;
    private String maxDrillAge;
    private String maxRestoreTime;

    @DataBoundConstructor
    public DatabaseConfig(String name, String url) {
        this.name = Util.fixEmptyAndTrim(name);
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getMethod() {
        return method;
    }

    @DataBoundSetter
    public void setMethod(String method) {
        this.method = Util.fixEmptyAndTrim(method) == null ? MethodChoice.AUTO.id() : method.trim();
    }

    public String getBackupCredentialsId() {
        return backupCredentialsId;
    }

    @DataBoundSetter
    public void setBackupCredentialsId(String id) {
        this.backupCredentialsId = Util.fixEmptyAndTrim(id);
    }

    public String getRestoreCredentialsId() {
        return restoreCredentialsId;
    }

    @DataBoundSetter
    public void setRestoreCredentialsId(String id) {
        this.restoreCredentialsId = Util.fixEmptyAndTrim(id);
    }

    public String getDeployCredentialsId() {
        return deployCredentialsId;
    }

    @DataBoundSetter
    public void setDeployCredentialsId(String id) {
        this.deployCredentialsId = Util.fixEmptyAndTrim(id);
    }

    public Integer getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(Integer seconds) {
        this.connectTimeout = seconds;
    }

    public Integer getReadTimeout() {
        return readTimeout;
    }

    @DataBoundSetter
    public void setReadTimeout(Integer seconds) {
        this.readTimeout = seconds;
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

    public boolean isAllowPartial() {
        return allowPartial;
    }

    /** Accepts backups that leave out objects their method cannot carry; without it they are refused. */
    @DataBoundSetter
    public void setAllowPartial(boolean allowPartial) {
        this.allowPartial = allowPartial;
    }

    public boolean isFingerprints() {
        return fingerprints == null || fingerprints;
    }

    /** Takes data fingerprints with each backup, for drills to check the data; on unless turned off. */
    @DataBoundSetter
    public void setFingerprints(boolean fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** The credential id configured for a role, or null. */
    public String credentialsIdFor(Role role) {
        return switch (role) {
            case BACKUP -> backupCredentialsId;
            case RESTORE -> restoreCredentialsId;
            case DEPLOY -> deployCredentialsId;
        };
    }

    /** The engine's view of this database; validates names, URL and method. */
    public DatabaseTarget toEngine() {
        Map<Role, String> ids = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String id = credentialsIdFor(role);
            if (id != null) {
                ids.put(role, id);
            }
        }
        return new DatabaseTarget(name, url, MethodChoice.of(method), ids, allowPartial,
                Timeouts.of(connectTimeout, readTimeout), targets(maxBackupAge, maxDrillAge, maxRestoreTime),
                isFingerprints());
    }

    /** Recovery targets as configured, each a duration such as {@code 26h}, or null for none. */
    static RecoveryTargets targets(String maxBackupAge, String maxDrillAge, String maxRestoreTime) {
        return new RecoveryTargets(RecoveryTargets.parse("maxBackupAge", maxBackupAge),
                RecoveryTargets.parse("maxDrillAge", maxDrillAge),
                RecoveryTargets.parse("maxRestoreTime", maxRestoreTime));
    }

    @Extension
    @Symbol("database")
    public static final class DescriptorImpl extends Descriptor<DatabaseConfig> {
        @Override
        public String getDisplayName() {
            return Messages.DatabaseConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.name(value);
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.jdbcUrl(value);
        }

        @POST
        public FormValidation doCheckBackupCredentialsId(@QueryParameter String value,
                @QueryParameter String deployCredentialsId) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.backupCredential(value, deployCredentialsId);
        }

        @POST
        public ListBoxModel doFillMethodItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            for (MethodChoice choice : MethodChoice.values()) {
                items.add(choice.id(), choice.id());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillBackupCredentialsIdItems(@QueryParameter String backupCredentialsId) {
            return CredentialsListing.forGlobalConfiguration(StandardUsernamePasswordCredentials.class,
                    backupCredentialsId);
        }

        @POST
        public ListBoxModel doFillRestoreCredentialsIdItems(@QueryParameter String restoreCredentialsId) {
            return CredentialsListing.forGlobalConfiguration(StandardUsernamePasswordCredentials.class,
                    restoreCredentialsId);
        }

        @POST
        public ListBoxModel doFillDeployCredentialsIdItems(@QueryParameter String deployCredentialsId) {
            return CredentialsListing.forGlobalConfiguration(StandardUsernamePasswordCredentials.class,
                    deployCredentialsId);
        }

        /** Connects with the backup credential, as a backup would, and reports the server's version. */
        @POST
        public FormValidation doTestConnection(@QueryParameter String url,
                @QueryParameter String backupCredentialsId) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return ConfigChecks.testConnection(url, backupCredentialsId);
        }
    }
}
