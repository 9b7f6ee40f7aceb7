package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.io.IOException;
import java.time.Instant;

/**
 * Ends maintenance windows whose time is up, once a minute, and once at startup for windows that ended while
 * Jenkins was down. Windows still in force at startup keep their database locks.
 */
@Extension
public class MaintenanceExpiry extends AsyncPeriodicWork {
    public MaintenanceExpiry() {
        super("Database maintenance expiry");
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException {
        MaintenanceManager.get().expire(Instant.now());
    }

    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void expireOnStartup() throws IOException {
        MaintenanceManager.get().expire(Instant.now());
    }
}
