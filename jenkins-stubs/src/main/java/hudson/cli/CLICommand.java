package hudson.cli;

import hudson.ExtensionPoint;
import java.io.PrintStream;

public abstract class CLICommand implements ExtensionPoint, Cloneable {
    public PrintStream stdout;
    public PrintStream stderr;

    public String getName() {
        throw new UnsupportedOperationException();
    }

    public abstract String getShortDescription();

    protected abstract int run() throws Exception;
}
