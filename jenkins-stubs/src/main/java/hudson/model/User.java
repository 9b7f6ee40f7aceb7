package hudson.model;

import java.io.IOException;
import org.springframework.security.core.Authentication;

public class User implements Saveable {
    private User() {
        throw new UnsupportedOperationException();
    }

    public Authentication impersonate2() {
        throw new UnsupportedOperationException();
    }

    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException();
    }

    public static User current() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }
}
