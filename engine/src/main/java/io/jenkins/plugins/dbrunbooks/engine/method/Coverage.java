package io.jenkins.plugins.dbrunbooks.engine.method;

import java.util.List;

/**
 * What a backup of one database by one method would leave out (objects it cannot carry, each named as
 * {@code kind schema.name}) and what it would change (values it does not keep exactly), known before anything
 * is written.
 */
public record Coverage(List<String> notCarried, List<String> warnings) {
    public static final Coverage FULL = new Coverage(List.of(), List.of());

    public Coverage {
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean carriesEverything() {
        return notCarried.isEmpty();
    }

    public boolean exact() {
        return notCarried.isEmpty() && warnings.isEmpty();
    }
}
