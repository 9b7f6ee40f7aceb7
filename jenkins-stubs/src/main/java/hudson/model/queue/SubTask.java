package hudson.model.queue;

import hudson.model.ModelObject;
import hudson.model.Queue;
import java.io.IOException;

public interface SubTask extends ModelObject {
    Queue.Executable createExecutable() throws IOException;

    default Queue.Executable getOwnerExecutable() {
        throw new UnsupportedOperationException();
    }
}
