package jenkins.security;

import hudson.remoting.Callable;

public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;

    public MasterToSlaveCallable() {
        throw new UnsupportedOperationException();
    }
}
