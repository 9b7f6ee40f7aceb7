package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.EnvVars;
import hudson.util.Secret;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The variables a block step binds for its body. Saved with the Pipeline program, so the values are kept as
 * {@link Secret}s; the sensitive ones are reported so that Pipeline warns when a script interpolates them.
 */
final class SecretEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final Map<String, Secret> values = new HashMap<>();
    private final Set<String> sensitive;

    SecretEnvironment(Map<String, String> variables, Set<String> sensitive) {
        variables.forEach((name, value) -> values.put(name, Secret.fromString(value)));
        this.sensitive = new HashSet<>(sensitive);
    }

    @Override
    public void expand(EnvVars env) {
        values.forEach((name, value) -> env.override(name, value.getPlainText()));
    }

    @Override
    public Set<String> getSensitiveVariables() {
        return new HashSet<>(sensitive);
    }
}
