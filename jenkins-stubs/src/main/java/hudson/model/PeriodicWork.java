package hudson.model;

import hudson.ExtensionPoint;

public abstract class PeriodicWork implements ExtensionPoint {
    protected static final long MIN = 0L;

    public abstract long getRecurrencePeriod();
}
