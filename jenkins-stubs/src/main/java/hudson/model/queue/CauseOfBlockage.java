package hudson.model.queue;

public abstract class CauseOfBlockage {
    public abstract String getShortDescription();
}
