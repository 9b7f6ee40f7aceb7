package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.Util;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The options of the Pipeline block and the freestyle wrapper, shared by both. */
public final class MaintenanceOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private List<String> environments = new ArrayList<>();
    private Integer minutes;
    private String databaseLock;

    public MaintenanceOptions(String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public String getReason() {
        return reason;
    }

    public List<String> getEnvironments() {
        return List.copyOf(environments);
    }

    /**
     * Each entry may hold several names separated by commas or spaces, as a form's single text field gives them;
     * no environment name contains either.
     */
    public void setEnvironments(List<String> environments) {
        this.environments = new ArrayList<>();
        if (environments != null) {
            environments.stream().filter(e -> e != null).flatMap(e -> Arrays.stream(e.split("[,\\s]+")))
                    .filter(e -> !e.isEmpty()).forEach(this.environments::add);
        }
    }

    public Integer getMinutes() {
        return minutes;
    }

    /** Zero means no end: an empty number field of a form may bind as 0. */
    public void setMinutes(Integer minutes) {
        this.minutes = minutes != null && minutes == 0 ? null : minutes;
    }

    public String getDatabaseLock() {
        return databaseLock;
    }

    public void setDatabaseLock(String databaseLock) {
        this.databaseLock = Util.fixEmptyAndTrim(databaseLock);
    }

    MaintenanceRequest toRequest() throws AbortException {
        return new MaintenanceRequest(reason, environments, minutes, MaintenanceRequest.parseLock(databaseLock));
    }
}
