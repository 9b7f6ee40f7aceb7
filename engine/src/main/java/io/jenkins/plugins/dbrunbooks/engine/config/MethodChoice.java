package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.Locale;

/** The method a database is configured with; {@code auto} lets the registry choose. */
public enum MethodChoice {
    AUTO, NATIVE, JDBC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MethodChoice of(String id) {
        if (id == null || id.isBlank()) {
            return AUTO;
        }
        for (MethodChoice choice : values()) {
            if (choice.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return choice;
            }
        }
        throw new RunbookException(ErrorKind.CONFIGURATION, "Method '" + id + "' is unknown",
                "Use one of: auto, native, jdbc.");
    }
}
