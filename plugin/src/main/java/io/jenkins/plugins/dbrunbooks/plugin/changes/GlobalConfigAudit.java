package io.jenkins.plugins.dbrunbooks.plugin.changes;

import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldDiff;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The global configuration as a flat list of fields ({@code environments[prod].databases[orders].url}), and one
 * audit event per save that changed any of them. The configuration holds no secret (logins are credential ids),
 * and values are masked all the same.
 */
public final class GlobalConfigAudit {
    private GlobalConfigAudit() {
    }

    public static Map<String, String> fields(List<EnvironmentConfig> environments) {
        FieldDiff.Fields fields = new FieldDiff.Fields();
        for (EnvironmentConfig e : environments) {
            String env = "environments[" + e.getName() + "]";
            fields.put(env + ".protectedEnvironment", e.isProtectedEnvironment())
                    .put(env + ".backupRoot", e.getBackupRoot())
                    .put(env + ".keepLast", e.getKeepLast())
                    .put(env + ".maxAgeDays", e.getMaxAgeDays())
                    .put(env + ".ageRecipients", e.getAgeRecipients())
                    .put(env + ".ageIdentityCredentialsId", e.getAgeIdentityCredentialsId());
            for (DatabaseConfig d : e.getDatabases()) {
                String db = env + ".databases[" + d.getName() + "]";
                fields.put(db + ".url", d.getUrl())
                        .put(db + ".method", d.getMethod())
                        .put(db + ".backupCredentialsId", d.getBackupCredentialsId())
                        .put(db + ".restoreCredentialsId", d.getRestoreCredentialsId())
                        .put(db + ".deployCredentialsId", d.getDeployCredentialsId());
            }
        }
        return fields.toMap();
    }

    /**
     * Records what changed between {@code before} and the configuration now, if anything did.
     *
     * @return the fields now, the baseline for the next save
     */
    public static Map<String, String> record(Map<String, String> before, List<EnvironmentConfig> now) {
        Map<String, String> after = fields(now);
        List<FieldChange> changes = FieldDiff.between(before, after);
        if (!changes.isEmpty()) {
            ChangeRecorder.get().record(ConfigChange.global(environmentsOf(changes), changes));
        }
        return after;
    }

    private static List<String> environmentsOf(List<FieldChange> changes) {
        TreeSet<String> names = new TreeSet<>();
        for (FieldChange change : changes) {
            String field = change.field();
            int open = field.indexOf('[');
            int close = field.indexOf(']');
            if (open >= 0 && close > open) {
                names.add(field.substring(open + 1, close));
            }
        }
        return List.copyOf(names);
    }
}
