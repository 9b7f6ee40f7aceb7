package io.jenkins.plugins.dbrunbooks.plugin.runner;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import java.io.Serializable;

/** One engine operation to run on an agent, as a serializable value that names its request. */
@FunctionalInterface
public interface AgentWork<R extends Serializable> extends Serializable {
    R run(RunbookContext context);
}
