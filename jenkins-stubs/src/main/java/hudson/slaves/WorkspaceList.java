package hudson.slaves;

import hudson.FilePath;

public final class WorkspaceList {
    public WorkspaceList() {
        throw new UnsupportedOperationException();
    }

    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException();
    }
}
