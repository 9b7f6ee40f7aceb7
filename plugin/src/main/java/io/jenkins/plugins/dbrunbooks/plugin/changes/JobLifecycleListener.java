package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Creation, copy, rename, move and deletion of runbook jobs. */
@Extension
public class JobLifecycleListener extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(JobLifecycleListener.class.getName());

    @Override
    public void onCreated(Item item) {
        guarded(item, () -> JobAudit.created(item, null));
    }

    @Override
    public void onCopied(Item src, Item item) {
        guarded(item, () -> JobAudit.created(item, src));
    }

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        guarded(item, () -> JobAudit.moved(oldFullName, newFullName));
    }

    @Override
    public void onDeleted(Item item) {
        guarded(item, () -> JobAudit.deleted(item));
    }

    private static void guarded(Item item, Runnable audit) {
        try {
            audit.run();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot audit a change of " + item.getFullName(), e);
        }
    }
}
