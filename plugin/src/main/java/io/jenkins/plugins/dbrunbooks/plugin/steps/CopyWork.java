package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopy;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyOperation;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Makes a scratch copy on the agent; the request carries the age identity, if any, and nothing else secret. */
record CopyWork(ScratchCopyRequest request) implements AgentWork<ScratchCopy> {
    @Override
    public ScratchCopy run(RunbookContext context) {
        return new ScratchCopyOperation(context).create(request);
    }
}
