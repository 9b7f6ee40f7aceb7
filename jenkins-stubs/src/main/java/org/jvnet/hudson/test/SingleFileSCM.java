package org.jvnet.hudson.test;

import hudson.scm.NullSCM;

public class SingleFileSCM extends NullSCM {
    public SingleFileSCM(String path, String contents) {
        throw new UnsupportedOperationException();
    }
}
