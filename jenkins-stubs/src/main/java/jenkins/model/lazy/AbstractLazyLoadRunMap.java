package jenkins.model.lazy;

import java.io.File;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

public abstract class AbstractLazyLoadRunMap<R> extends AbstractMap<Integer, R> implements SortedMap<Integer, R> {
    protected AbstractLazyLoadRunMap() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Integer> keySet() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<R> values() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Map.Entry<Integer, R>> entrySet() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Comparator<? super Integer> comparator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<Integer, R> subMap(Integer fromKey, Integer toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<Integer, R> headMap(Integer toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<Integer, R> tailMap(Integer fromKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Integer firstKey() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Integer lastKey() {
        throw new UnsupportedOperationException();
    }

    protected abstract int getNumberOf(R r);

    protected abstract R retrieve(File dir) throws IOException;

    protected abstract Class<R> getBuildClass();
}
