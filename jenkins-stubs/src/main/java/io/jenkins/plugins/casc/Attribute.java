package io.jenkins.plugins.casc;

public class Attribute<Owner, Type> {
    public Attribute(String name, Class type) {
        throw new UnsupportedOperationException();
    }
}
