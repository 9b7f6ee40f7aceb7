package hudson.tasks;

import hudson.FilePath;

public abstract class CommandInterpreter extends Builder {
    protected CommandInterpreter(String command) {
        throw new UnsupportedOperationException();
    }

    public abstract String[] buildCommandLine(FilePath script);

    protected abstract String getContents();

    protected abstract String getFileExtension();
}
