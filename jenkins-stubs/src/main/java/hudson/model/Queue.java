package hudson.model;

import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.SubTask;
import java.util.List;
import java.util.concurrent.Future;
import org.springframework.security.core.Authentication;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException();
    }

    public Item getItem(long id) {
        throw new UnsupportedOperationException();
    }

    public Item getItem(Task t) {
        throw new UnsupportedOperationException();
    }

    public boolean cancel(Task p) {
        throw new UnsupportedOperationException();
    }

    public Future<?> scheduleMaintenance() {
        throw new UnsupportedOperationException();
    }

    public abstract static class Item extends Actionable {
        public final Task task = null;

        private Item() {
        throw new UnsupportedOperationException();
        }

        public long getId() {
        throw new UnsupportedOperationException();
        }

        public final List<Cause> getCauses() {
        throw new UnsupportedOperationException();
        }

        public Authentication authenticate2() {
            throw new UnsupportedOperationException();
        }

        public abstract CauseOfBlockage getCauseOfBlockage();
    }

    public static final class LeftItem extends Item {
        public LeftItem(Item cancelled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CauseOfBlockage getCauseOfBlockage() {
            throw new UnsupportedOperationException();
        }
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
