package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor of every build step aimed at one configured database, in any kind of project: its form offers
 * and checks the configured environment and database names, once for all such builders.
 */
public abstract class TargetBuilderDescriptor extends BuildStepDescriptor<Builder> {

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

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
