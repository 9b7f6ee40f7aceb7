package org.jenkinsci.plugins.workflow.cps;

import hudson.scm.SCM;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsScmFlowDefinition extends FlowDefinition {
    public CpsScmFlowDefinition(SCM scm, String scriptPath) {
        throw new UnsupportedOperationException();
    }

    public SCM getScm() {
        throw new UnsupportedOperationException();
    }

    public String getScriptPath() {
        throw new UnsupportedOperationException();
    }
}
