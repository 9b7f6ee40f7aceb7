package io.jenkins.plugins.casc;

import java.lang.reflect.Type;

public interface ConfiguratorRegistry {
    RootElementConfigurator lookupRootElement(String name);

    <T> Configurator<T> lookup(Type type);

    <T> Configurator<T> lookupOrFail(Type type) throws ConfiguratorException;

    static ConfiguratorRegistry get() {
        throw new UnsupportedOperationException();
    }
}
