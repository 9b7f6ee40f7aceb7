package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

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
    }
}
