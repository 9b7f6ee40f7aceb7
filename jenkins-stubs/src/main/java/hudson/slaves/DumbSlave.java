package hudson.slaves;

public final class DumbSlave {
    private DumbSlave() {
        throw new UnsupportedOperationException();
    }

    public String getNodeName() {
        throw new UnsupportedOperationException();
    }
}
