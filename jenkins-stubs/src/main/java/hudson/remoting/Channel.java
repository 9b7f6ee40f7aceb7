package hudson.remoting;

public class Channel implements VirtualChannel {
    private Channel() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws java.io.IOException, T,
            InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V, T extends Throwable> java.util.concurrent.Future<V> callAsync(Callable<V, T> callable)
            throws java.io.IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws java.io.IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void join() throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void join(long timeout) throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T export(Class<T> type, T instance) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void syncLocalIO() throws InterruptedException {
        throw new UnsupportedOperationException();
    }
}
