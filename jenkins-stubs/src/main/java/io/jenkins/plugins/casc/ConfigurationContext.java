package io.jenkins.plugins.casc;

import java.lang.reflect.Type;

public class ConfigurationContext implements ConfiguratorRegistry {
    public ConfigurationContext(ConfiguratorRegistry registry) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RootElementConfigurator lookupRootElement(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Configurator<T> lookup(Type type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Configurator<T> lookupOrFail(Type type) throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }
}
