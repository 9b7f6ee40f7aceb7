package io.jenkins.plugins.casc.model;

import java.util.HashMap;

public final class Mapping extends HashMap<String, CNode> implements CNode {
    private static final long serialVersionUID = 1L;

    public Mapping() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Type getType() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Source getSource() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Mapping clone() {
        throw new UnsupportedOperationException();
    }
}
