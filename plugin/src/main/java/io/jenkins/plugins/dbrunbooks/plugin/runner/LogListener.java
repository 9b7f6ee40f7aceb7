package io.jenkins.plugins.dbrunbooks.plugin.runner;

import hudson.model.TaskListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;

/** The engine's progress and messages in the build log: the one place where the plugin writes them. */
final class LogListener implements ProgressListener {
    private static final String PREFIX = "[database-runbooks] ";
    private final TaskListener listener;

    LogListener(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void progress(Progress progress) {
        listener.getLogger().println(PREFIX + progress.describe());
    }

    @Override
    public void message(String message) {
        listener.getLogger().println(PREFIX + message);
    }
}
