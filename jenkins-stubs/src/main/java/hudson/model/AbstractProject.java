package hudson.model;

import hudson.tasks.Publisher;
import hudson.util.DescribableList;
import java.io.IOException;
import jenkins.model.ParameterizedJobMixIn;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> implements ParameterizedJobMixIn.ParameterizedJob<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isBuildable() {
        throw new UnsupportedOperationException();
    }

    @Override
    public RunMap<R> _getRuns() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeRun(R run) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BuildAuthorizationToken getAuthToken() {
        throw new UnsupportedOperationException();
    }

    @Override
    public R createExecutable() throws IOException {
        throw new UnsupportedOperationException();
    }

    public abstract DescribableList<Publisher, Descriptor<Publisher>> getPublishersList();

    protected abstract Class<R> getBuildClass();

    public abstract boolean isFingerprintConfigured();
}
