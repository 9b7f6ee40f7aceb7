package hudson;

import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

public abstract class Launcher {
    protected Launcher(TaskListener listener, VirtualChannel channel) {
        throw new UnsupportedOperationException();
    }

    public abstract Channel launchChannel(String[] cmd, OutputStream out, FilePath workDir,
            Map<String, String> envVars) throws IOException, InterruptedException;

    public abstract Proc launch(ProcStarter starter) throws IOException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    public final class ProcStarter {
        public ProcStarter() {
            throw new UnsupportedOperationException();
        }
    }
}
