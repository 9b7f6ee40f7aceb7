package io.jenkins.plugins.casc;

public class ConfiguratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfiguratorException(String message) {
        throw new UnsupportedOperationException();
    }

    public ConfiguratorException(String message, Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
