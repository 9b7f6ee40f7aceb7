package io.jenkins.plugins.casc.model;

public interface CNode extends Cloneable {
    Type getType();

    Source getSource();

    CNode clone();

    enum Type {
        MAPPING,
        SEQUENCE,
        SCALAR
    }
}
