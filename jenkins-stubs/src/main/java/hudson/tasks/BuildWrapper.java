package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildWrapper implements Describable<BuildWrapper>, ExtensionPoint {
    public BuildWrapper() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<BuildWrapper> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
