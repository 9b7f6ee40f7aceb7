package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.AbstractList;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends AbstractList<T> {
    protected DescribableList() {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException();
    }
}
