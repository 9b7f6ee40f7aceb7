package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every message and progress report, for assertions on what a user would see. */
public final class RecordingListener implements ProgressListener {
    public final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    public final List<Progress> progress = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(Progress p) {
        progress.add(p);
    }

    @Override
    public void message(String message) {
        messages.add(message);
    }

    public String all() {
        synchronized (messages) {
            return String.join("\n", messages);
        }
    }
}
