package hudson.util;

import java.util.ArrayList;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

public class ComboBoxModel extends ArrayList<String> implements HttpResponse {
    public ComboBoxModel(int initialCapacity) {
        throw new UnsupportedOperationException();
    }

    public ComboBoxModel() {
        throw new UnsupportedOperationException();
    }

    public ComboBoxModel(Collection<? extends String> c) {
        throw new UnsupportedOperationException();
    }

    public ComboBoxModel(String... values) {
        throw new UnsupportedOperationException();
    }
}
