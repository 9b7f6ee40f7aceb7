package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.Extension;
import hudson.cli.CLICommand;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;

/**
 * {@code database-maintenance on|off|status}. Without {@code --id}, {@code off} ends every window, whoever enabled
 * it, and lists what it ended: before an upgrade is verified, one command must be enough to open Jenkins again.
 */
@Extension
public class DatabaseMaintenanceCommand extends CLICommand {
    @Argument(index = 0, required = true, metaVar = "on|off|status", usage = "Turn maintenance on, off, or show it.")
    public String action;

    @Option(name = "--reason", usage = "Why, as users will read it (required for on).")
    public String reason;

    @Option(name = "--environment", usage = "An environment to put in maintenance; repeat for several. "
            + "Without it, all of Jenkins.")
    public List<String> environments = new ArrayList<>();

    @Option(name = "--minutes", usage = "End the window by itself after this many minutes.")
    public Integer minutes;

    @Option(name = "--database-lock", metaVar = "none|read-only|no-connections",
            usage = "Also lock the databases in scope, with their restore credentials.")
    public String databaseLock;

    @Option(name = "--id", usage = "For off: the window to end (default: all windows).")
    public String id;

    @Override
    public String getName() {
        return "database-maintenance";
    }

    @Override
    public String getShortDescription() {
        return Messages.DatabaseMaintenanceCommand_ShortDescription();
    }

    @Override
    protected int run() throws Exception {
        Jenkins.get().checkPermission(RunbookPermissions.MAINTAIN);
        String user = Jenkins.getAuthentication2().getName();
        MaintenanceManager manager = MaintenanceManager.get();
        switch (action) {
            case "on" -> {
                MaintenanceWindow window = new MaintenanceRequest(reason, environments, minutes,
                        MaintenanceRequest.parseLock(databaseLock)).enable(user);
                stdout.println(Messages.DatabaseMaintenanceCommand_Enabled(new WindowView(window).describe()));
            }
            case "off" -> {
                List<MaintenanceWindow> ending = id != null ? manager.status().stream()
                        .filter(w -> w.id().equals(id)).toList() : manager.status();
                if (id != null && ending.isEmpty()) {
                    throw new AbortException(Messages.MaintenanceLink_NoWindow(id));
                }
                for (MaintenanceWindow window : ending) {
                    manager.disable(window.id(), user);
                    stdout.println(Messages.DatabaseMaintenanceCommand_Disabled(new WindowView(window).describe()));
                }
                if (ending.isEmpty()) {
                    stdout.println(Messages.DatabaseMaintenanceCommand_Off());
                }
            }
            case "status" -> {
                List<MaintenanceWindow> windows = manager.status();
                if (windows.isEmpty()) {
                    stdout.println(Messages.DatabaseMaintenanceCommand_Off());
                }
                windows.forEach(w -> stdout.println(new WindowView(w).describe()));
            }
            default -> throw new AbortException(Messages.DatabaseMaintenanceCommand_UnknownAction(action));
        }
        return 0;
    }
}
