package org.jvnet.hudson.test;

import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

public class JenkinsSessionRule implements TestRule {
    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException();
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException();
    }

    public interface Step extends JenkinsSessionFixture.Step {
    }
}
