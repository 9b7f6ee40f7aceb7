package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapper;
import java.io.IOException;
import java.io.Serializable;

public abstract class SimpleBuildWrapper extends BuildWrapper {
    public SimpleBuildWrapper() {
        throw new UnsupportedOperationException();
    }

    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher,
            TaskListener listener, EnvVars initialEnvironment) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public ConsoleLogFilter createLoggerDecorator(Run<?, ?> build) {
        throw new UnsupportedOperationException();
    }

    public static final class Context {
        private Context() {
            throw new UnsupportedOperationException();
        }

        public void env(String key, String value) {
            throw new UnsupportedOperationException();
        }

        public void setDisposer(Disposer disposer) {
            throw new UnsupportedOperationException();
        }
    }

    public abstract static class Disposer implements Serializable {
        private static final long serialVersionUID = 1L;

        public Disposer() {
            throw new UnsupportedOperationException();
        }

        public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            throw new UnsupportedOperationException();
        }
    }
}
