package org.jenkinsci.plugins.workflow.flow;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class FlowDefinition implements Describable<FlowDefinition>, ExtensionPoint {
    public FlowDefinition() {
        throw new UnsupportedOperationException();
    }
}
