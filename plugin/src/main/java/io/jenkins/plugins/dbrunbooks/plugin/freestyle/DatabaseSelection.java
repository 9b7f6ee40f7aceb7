package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One configured database, named by its environment and its name, as a build wrapper lists them. */
public class DatabaseSelection implements Describable<DatabaseSelection> {
    private final String environment;
    private final String database;

    @DataBoundConstructor
    public DatabaseSelection(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    @Extension
    @Symbol("databaseSelection")
    public static final class DescriptorImpl extends Descriptor<DatabaseSelection> {
        @Override
        public String getDisplayName() {
            return Messages.DatabaseSelection_DisplayName();
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
}
