package io.jenkins.plugins.casc;

import io.jenkins.plugins.casc.model.CNode;
import java.util.Set;

public interface Configurator<T> {
    Class<T> getTarget();

    Set<Attribute<T, ?>> describe();

    T configure(CNode config, ConfigurationContext context) throws ConfiguratorException;

    T check(CNode config, ConfigurationContext context) throws ConfiguratorException;
}
