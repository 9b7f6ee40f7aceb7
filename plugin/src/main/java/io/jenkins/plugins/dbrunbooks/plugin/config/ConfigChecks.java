package io.jenkins.plugins.dbrunbooks.plugin.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.config.ConfigPolicy;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerProbe;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Arrays;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The form checks of the configuration, shared by descriptors and kept out of them so they stay thin. The
 * rules themselves are the engine's; these only turn its answers into form messages.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static FormValidation name(String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error(Messages.ConfigChecks_Required());
        }
        return ConfigPolicy.name("Name", value.trim())
                .map(f -> FormValidation.error(f.message() + ". " + f.hint()))
                .orElse(FormValidation.ok());
    }

    static FormValidation jdbcUrl(String value) {
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.error(Messages.ConfigChecks_Required());
        }
        if (Dialects.standard().find(url).isEmpty()) {
            return FormValidation.error(Messages.ConfigChecks_UnsupportedUrl());
        }
        if (url.matches("(?i).*[?&;](password|pwd)=.*")) {
            return FormValidation.error(Messages.ConfigChecks_PasswordInUrl());
        }
        return FormValidation.ok();
    }

    static FormValidation backupRoot(String value) {
        String root = Util.fixEmptyAndTrim(value);
        if (root == null) {
            return FormValidation.error(Messages.ConfigChecks_Required());
        }
        if (ObjectStoreRoot.isObjectStore(root)) {
            return engineCheck(() -> ObjectStoreRoot.parse(root));
        }
        if (!root.startsWith("/") && !root.matches("[A-Za-z]:[\\\\/].*")) {
            return FormValidation.error(Messages.ConfigChecks_AbsolutePath());
        }
        return FormValidation.ok();
    }

    static FormValidation objectStoreEndpoint(String value) {
        String endpoint = Util.fixEmptyAndTrim(value);
        if (endpoint == null) {
            return FormValidation.ok();
        }
        return engineCheck(() -> new ObjectStoreSettings(endpoint, null, false, null));
    }

    /** The engine's own validation, its message shown as the field's error. */
    private static FormValidation engineCheck(Runnable check) {
        try {
            check.run();
            return FormValidation.ok();
        } catch (RunbookException e) {
            return FormValidation.error(e.getMessage() + ". " + e.hint());
        }
    }

    static FormValidation recipients(String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning(Messages.ConfigChecks_NoEncryption());
        }
        List<String> lines = Arrays.stream(value.split("\\R")).map(String::trim).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            FormValidation check = engineRule(() -> AgeKeys.recipient(line));
            if (check.kind != FormValidation.Kind.OK) {
                return check;
            }
        }
        return FormValidation.ok();
    }

    /**
     * The engine's credential policy for one database's form: a backup credential must differ from the deployment
     * credential of the same database, and should serve one environment only. The wording is ours, for
     * translation; the rules are the engine's, as the CLI applies them.
     */
    static FormValidation backupCredential(String backupId, String deployId) {
        String id = Util.fixEmptyAndTrim(backupId);
        if (id == null) {
            return FormValidation.warning(Messages.ConfigChecks_NoBackupCredential());
        }
        if (ConfigPolicy.backupIsNotDeploy(null, id, Util.fixEmptyAndTrim(deployId)).isPresent()) {
            return FormValidation.error(Messages.ConfigChecks_BackupIsDeploy());
        }
        List<String> environments = RunbooksConfiguration.get().getEnvironments().stream()
                .filter(e -> e.getDatabases().stream().anyMatch(d -> id.equals(d.getBackupCredentialsId())))
                .map(EnvironmentConfig::getName)
                .toList();
        return ConfigPolicy.backupServesOneEnvironment(id, environments)
                .map(f -> FormValidation.warning(Messages.ConfigChecks_SharedBackupCredential(environments.size())))
                .orElse(FormValidation.ok());
    }

    /** Connects as the backup credential and reports the server's version, or why it cannot connect. */
    static FormValidation testConnection(String url, String credentialsId) {
        FormValidation urlCheck = jdbcUrl(url);
        if (urlCheck.kind == FormValidation.Kind.ERROR) {
            return urlCheck;
        }
        DbCredential login = DbCredential.integrated();
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id != null) {
            StandardUsernamePasswordCredentials c = CredentialsMatchers.firstOrNull(
                    CredentialsProvider.lookupCredentialsInItemGroup(StandardUsernamePasswordCredentials.class,
                            Jenkins.get(), ACL.SYSTEM2, List.of()),
                    CredentialsMatchers.withId(id));
            if (c == null) {
                return FormValidation.error(Messages.ConfigChecks_UnknownCredential(id));
            }
            login = DbCredential.of(c.getUsername(), c.getPassword().getPlainText());
        }
        try {
            return FormValidation.ok(Messages.ConfigChecks_Connected(ServerProbe.describe(
                    Dialects.standard().forUrl(url.trim()).scheme(), url.trim(), login)));
        } catch (RunbookException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static FormValidation engineRule(Runnable rule) {
        try {
            rule.run();
            return FormValidation.ok();
        } catch (RunbookException e) {
            return FormValidation.error(e.getMessage() + ". " + e.hint());
        }
    }
}
