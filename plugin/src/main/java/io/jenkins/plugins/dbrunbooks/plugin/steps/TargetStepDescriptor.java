package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor of every step aimed at one configured database: its form offers and checks the configured
 * environment and database names, once for all such steps.
 */
public abstract class TargetStepDescriptor extends StepDescriptor {

    @POST
    public ComboBoxModel doFillEnvironmentItems(@AncestorInPath Item item) {
        return ConfiguredNames.environments(item);
    }

    @POST
    public ComboBoxModel doFillDatabaseItems(@AncestorInPath Item item, @QueryParameter String environment) {
        return ConfiguredNames.databases(item, environment);
    }

    @POST
    public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
        return ConfiguredNames.checkEnvironment(item, value);
    }

    @POST
    public FormValidation doCheckDatabase(@AncestorInPath Item item, @QueryParameter String value,
            @QueryParameter String environment) {
        return ConfiguredNames.checkDatabase(item, value, environment);
    }
}
