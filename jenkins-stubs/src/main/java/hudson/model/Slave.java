package hudson.model;

import hudson.slaves.ComputerLauncher;
import java.io.IOException;
import java.io.Serializable;

public abstract class Slave implements Serializable {
    protected Slave(String name, String remoteFS, ComputerLauncher launcher)
            throws Descriptor.FormException, IOException {
        throw new UnsupportedOperationException();
    }

    public String getNodeName() {
        throw new UnsupportedOperationException();
    }

    public String getLabelString() {
        throw new UnsupportedOperationException();
    }
}
