package hudson.tasks;

import hudson.FilePath;

public class Shell extends CommandInterpreter {
    public Shell(String command) {
        super(command);
        throw new UnsupportedOperationException();
    }

    @Override
    public String[] buildCommandLine(FilePath script) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected String getContents() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected String getFileExtension() {
        throw new UnsupportedOperationException();
    }
}
