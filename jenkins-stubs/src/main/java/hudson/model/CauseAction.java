package hudson.model;

import java.util.List;

public class CauseAction implements Action {
    public CauseAction(Cause c) {
        throw new UnsupportedOperationException();
    }

    public List<Cause> getCauses() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
