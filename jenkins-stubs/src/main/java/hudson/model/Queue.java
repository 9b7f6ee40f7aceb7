package hudson.model;

import hudson.model.queue.SubTask;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException();
    }

    public interface Executable extends Runnable {
        SubTask getParent();

        @Override
        void run();

        @Override
        String toString();
    }

    public interface Task extends SubTask {
        String getName();

        String getUrl();
    }

    public interface FlyweightTask extends Task {
    }
}
