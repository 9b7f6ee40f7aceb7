package io.jenkins.plugins.casc;

public interface RootElementConfigurator<T> extends Configurator<T> {
    T getTargetComponent(ConfigurationContext context);
}
