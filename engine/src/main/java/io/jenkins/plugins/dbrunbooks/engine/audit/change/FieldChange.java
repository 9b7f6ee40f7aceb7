package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.io.Serializable;

/**
 * One field of a configuration that changed: its path (e.g. {@code environments[prod].keepLast}) and its values
 * before and after, already masked; null where the field did not exist.
 */
public record FieldChange(String field, String before, String after) implements Serializable {
}
