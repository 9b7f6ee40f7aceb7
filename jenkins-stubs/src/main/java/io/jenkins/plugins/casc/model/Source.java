package io.jenkins.plugins.casc.model;

import java.io.Serializable;

public record Source(String file, int line) implements Serializable {
    public Source {
        throw new UnsupportedOperationException();
    }
}
