package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Result;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.flow.GraphListener;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

public class CpsFlowExecution extends FlowExecution {
    public CpsFlowExecution(String script, boolean sandbox, FlowExecutionOwner owner) throws IOException {
        throw new UnsupportedOperationException();
    }

    public String getScript() {
        throw new UnsupportedOperationException();
    }

    public Map<String, String> getLoadedScripts() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start() throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public FlowExecutionOwner getOwner() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FlowNode> getCurrentHeads() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCurrentHead(FlowNode n) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void interrupt(Result result, CauseOfInterruption... causes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(GraphListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FlowNode getNode(String id) throws IOException {
        throw new UnsupportedOperationException();
    }
}
