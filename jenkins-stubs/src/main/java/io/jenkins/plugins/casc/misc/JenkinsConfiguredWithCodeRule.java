package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsConfiguredWithCodeRule extends JenkinsRule {
    public JenkinsConfiguredWithCodeRule() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void before() throws Throwable {
        throw new UnsupportedOperationException();
    }
}
