package io.jenkins.plugins.dbrunbooks.plugin.config;

import hudson.Util;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import jenkins.model.Jenkins;

/**
 * The names of configured environments and databases, as step and builder forms offer and check them. Those
 * names are configuration, so only users who may configure the item (or, outside any item, administrators)
 * see them; everyone else gets an empty list and no warning.
 */
public final class ConfiguredNames {
    private ConfiguredNames() {
    }

    public static ComboBoxModel environments(Item item) {
        return mayConfigure(item) ? new ComboBoxModel(environmentNames()) : new ComboBoxModel();
    }

    /** The databases of {@code environment}, or of every environment when it is empty. */
    public static ComboBoxModel databases(Item item, String environment) {
        return mayConfigure(item) ? new ComboBoxModel(databaseNames(environment)) : new ComboBoxModel();
    }

    public static FormValidation checkEnvironment(Item item, String value) {
        String name = Util.fixEmptyAndTrim(value);
        if (!mayConfigure(item) || name == null || isVariable(name) || environmentNames().contains(name)) {
            return FormValidation.ok();
        }
        return FormValidation.warning(Messages.ConfiguredNames_UnknownEnvironment(name));
    }

    public static FormValidation checkDatabase(Item item, String value, String environment) {
        String name = Util.fixEmptyAndTrim(value);
        String env = Util.fixEmptyAndTrim(environment);
        // A database of an environment that is not configured (or comes from a variable) cannot be judged here.
        boolean judgeable = env == null || RunbooksConfiguration.get().environment(env) != null;
        if (!mayConfigure(item) || name == null || isVariable(name) || !judgeable
                || databaseNames(env).contains(name)) {
            return FormValidation.ok();
        }
        return env == null ? FormValidation.warning(Messages.ConfiguredNames_UnknownDatabase(name))
                : FormValidation.warning(Messages.ConfiguredNames_UnknownDatabaseOf(env, name));
    }

    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    private static boolean isVariable(String value) {
        return value.contains("${");
    }

    private static List<String> environmentNames() {
        return RunbooksConfiguration.get().getEnvironments().stream().map(EnvironmentConfig::getName)
                .filter(Objects::nonNull).distinct().toList();
    }

    private static List<String> databaseNames(String environment) {
        String env = Util.fixEmptyAndTrim(environment);
        RunbooksConfiguration configuration = RunbooksConfiguration.get();
        Stream<EnvironmentConfig> environments = env == null ? configuration.getEnvironments().stream()
                : Stream.ofNullable(configuration.environment(env));
        return environments.flatMap(e -> e.getDatabases().stream()).map(DatabaseConfig::getName)
                .filter(Objects::nonNull).distinct().toList();
    }
}
