package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Verifies a backup on the agent that can read its store. */
record VerifyWork(VerifyRequest request) implements AgentWork<VerificationReport> {
    @Override
    public VerificationReport run(RunbookContext context) {
        return new VerifyOperation(context).run(request);
    }
}
