package hudson.cli;

import org.jvnet.hudson.test.JenkinsRule;

public class CLICommandInvoker {
    public CLICommandInvoker(JenkinsRule rule, String command) {
        throw new UnsupportedOperationException();
    }

    public CLICommandInvoker asUser(String user) {
        throw new UnsupportedOperationException();
    }

    public Result invokeWithArgs(String... args) {
        throw new UnsupportedOperationException();
    }

    public static class Result {
        private Result() {
        throw new UnsupportedOperationException();
        }

        public int returnCode() {
        throw new UnsupportedOperationException();
        }

        public String stdout() {
        throw new UnsupportedOperationException();
        }

        public String stderr() {
        throw new UnsupportedOperationException();
        }
    }
}
