package io.jenkins.plugins.dbrunbooks.plugin.config;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.changes.GlobalConfigAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The environments and databases of Database Runbooks, in Manage Jenkins > System and under
 * {@code unclassified: databaseRunbooks:} in Configuration as Code.
 */
@Extension
@Symbol("databaseRunbooks")
public class RunbooksConfiguration extends GlobalConfiguration {
    private List<EnvironmentConfig> environments = new ArrayList<>();
    /** The fields as last saved (or loaded), to audit the next save against. */
    private transient Map<String, String> audited;

    public RunbooksConfiguration() {
        load();
        audited = GlobalConfigAudit.fields(environments);
    }

    /** Saves, and records in the audit trail which fields the save changed, as whoever saved. */
    @Override
    public synchronized void save() {
        super.save();
        audited = GlobalConfigAudit.record(audited == null ? Map.of() : audited, environments);
    }

    public static RunbooksConfiguration get() {
        return ExtensionList.lookupSingleton(RunbooksConfiguration.class);
    }

    public List<EnvironmentConfig> getEnvironments() {
        return environments;
    }

    @DataBoundSetter
    public void setEnvironments(List<EnvironmentConfig> environments) {
        this.environments = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        save();
    }

    public EnvironmentConfig environment(String name) {
        return environments.stream().filter(e -> e.getName() != null && e.getName().equals(name)).findFirst()
                .orElse(null);
    }

    /**
     * The engine's configuration, validated as the engine validates it.
     *
     * @throws RunbookException naming the first invalid environment or database
     */
    public RunbookConfig toEngine() {
        return new RunbookConfig(environments.stream().map(EnvironmentConfig::toEngine).toList());
    }

    @Override
    public String getDisplayName() {
        return Messages.RunbooksConfiguration_DisplayName();
    }
}
