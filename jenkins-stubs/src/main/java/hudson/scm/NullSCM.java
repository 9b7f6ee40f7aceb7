package hudson.scm;

public class NullSCM extends SCM {
    public NullSCM() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChangeLogParser createChangeLogParser() {
        throw new UnsupportedOperationException();
    }
}
