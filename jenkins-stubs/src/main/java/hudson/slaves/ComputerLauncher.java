package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class ComputerLauncher implements Describable<ComputerLauncher>, ExtensionPoint {
    private ComputerLauncher() {
        throw new UnsupportedOperationException();
    }
}
