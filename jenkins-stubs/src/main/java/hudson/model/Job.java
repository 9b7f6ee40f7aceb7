package hudson.model;

import java.io.IOException;
import java.util.Collection;
import java.util.SortedMap;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<? extends Job> getAllJobs() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isBuildable();

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException();
    }

    public RunT getLastSuccessfulBuild() {
        throw new UnsupportedOperationException();
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException();
    }

    public void renameTo(String newName) throws IOException {
        throw new UnsupportedOperationException();
    }

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);
}
