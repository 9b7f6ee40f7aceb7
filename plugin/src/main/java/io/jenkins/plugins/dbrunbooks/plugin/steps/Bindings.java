package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Starts the body of a block step with a database bound to environment variables and its secrets masked. */
final class Bindings {
    private Bindings() {
    }

    static BodyExecution startBody(StepContext context, DatabaseLogin login, VariableNames names,
            BodyExecutionCallback callback) throws IOException, InterruptedException {
        Map<String, String> variables = login.variables(names);
        List<String> secrets = login.secrets();
        Set<String> sensitive = new HashSet<>();
        variables.forEach((name, value) -> {
            if (secrets.contains(value)) {
                sensitive.add(name);
            }
        });
        EnvironmentExpander expander = EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                new SecretEnvironment(variables, sensitive));
        ConsoleLogFilter filter = BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                new SecretMaskingFilter(secrets, context.get(Run.class).getCharset()));
        return context.newBodyInvoker().withContexts(expander, filter).withCallback(callback).start();
    }
}
