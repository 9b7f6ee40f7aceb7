package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Job;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every save of a job, whatever made it (the configure form, config.xml over REST or the CLI, Job DSL, a
 * script), is compared with the configuration last recorded.
 */
@Extension
public class JobConfigListener extends SaveableListener {
    private static final Logger LOGGER = Logger.getLogger(JobConfigListener.class.getName());

    @Override
    public void onChange(Saveable o, XmlFile file) {
        if (!(o instanceof Job<?, ?> job)) {
            return;
        }
        try {
            JobAudit.saved(job, file.asString());
        } catch (IOException | RuntimeException e) {
            // The save happened; failing it now would only lose the user's change.
            LOGGER.log(Level.WARNING, "Cannot audit the change of " + job.getFullName(), e);
        }
    }
}
