package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every maintenance window that is on, in the order they were enabled. A list rather than a flag, because
 * nested or concurrent uses must never turn off a maintenance someone else started: each use disables only its
 * own window. Enabling a window twice or disabling it twice changes nothing.
 */
public final class MaintenanceState implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final MaintenanceState OFF = new MaintenanceState(List.of());

    private final List<MaintenanceWindow> windows;

    private MaintenanceState(List<MaintenanceWindow> windows) {
        this.windows = Collections.unmodifiableList(new ArrayList<>(windows));
    }

    public static MaintenanceState off() {
        return OFF;
    }

    public static MaintenanceState of(List<MaintenanceWindow> windows) {
        MaintenanceState state = OFF;
        for (MaintenanceWindow window : windows) {
            state = state.enable(window);
        }
        return state;
    }

    public MaintenanceState enable(MaintenanceWindow window) {
        if (find(window.id()).isPresent()) {
            return this;
        }
        List<MaintenanceWindow> more = new ArrayList<>(windows);
        more.add(window);
        return new MaintenanceState(more);
    }

    /** The state without that window; an unknown id leaves it unchanged. */
    public MaintenanceState disable(String windowId) {
        if (find(windowId).isEmpty()) {
            return this;
        }
        return new MaintenanceState(windows.stream().filter(w -> !w.id().equals(windowId)).toList());
    }

    /** Forgets the windows that have ended, so they do not pile up in the persisted state. */
    public MaintenanceState withoutExpired(Instant now) {
        List<MaintenanceWindow> expired = expired(now);
        return expired.isEmpty() ? this
                : new MaintenanceState(windows.stream().filter(w -> !w.isExpired(now)).toList());
    }

    public List<MaintenanceWindow> windows() {
        return windows;
    }

    public Optional<MaintenanceWindow> find(String windowId) {
        return windows.stream().filter(w -> w.id().equals(windowId)).findFirst();
    }

    public List<MaintenanceWindow> active(Instant now) {
        return windows.stream().filter(w -> !w.isExpired(now)).toList();
    }

    public List<MaintenanceWindow> expired(Instant now) {
        return windows.stream().filter(w -> w.isExpired(now)).toList();
    }

    public boolean isOn(Instant now) {
        return !active(now).isEmpty();
    }

    /** Whether all of Jenkins is in maintenance. */
    public boolean isGlobal(Instant now) {
        return active(now).stream().anyMatch(MaintenanceWindow::isGlobal);
    }

    /** The environments named by active per-environment windows (global windows name none). */
    public Set<String> environments(Instant now) {
        Set<String> names = new LinkedHashSet<>();
        active(now).forEach(w -> names.addAll(w.environments()));
        return Collections.unmodifiableSet(names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaintenanceState that && windows.equals(that.windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    @Override
    public String toString() {
        return "MaintenanceState" + windows;
    }
}
