package io.jenkins.plugins.dbrunbooks.engine.progress;

/**
 * Where the engine reports what it is doing; the engine itself never prints. Implementations must be quick:
 * they are called from the thread moving the data.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(Progress progress) {
        }

        @Override
        public void message(String message) {
        }
    };

    void progress(Progress progress);

    /** A line worth showing a person: a phase starting, a tool's warning, a result. */
    void message(String message);
}
