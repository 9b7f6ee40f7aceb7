package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsConfiguredWithCodeRule extends JenkinsRule {
    public JenkinsConfiguredWithCodeRule() {
        throw new UnsupportedOperationException();
    }
}
