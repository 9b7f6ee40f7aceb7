package hudson.scm;

import hudson.ExtensionPoint;

public abstract class SCM implements ExtensionPoint {
    public abstract ChangeLogParser createChangeLogParser();
}
