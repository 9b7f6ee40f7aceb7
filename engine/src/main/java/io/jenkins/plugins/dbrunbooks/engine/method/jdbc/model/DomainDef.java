package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/** A PostgreSQL domain: a base type with an optional default, NOT NULL and check. */
public record DomainDef(String schema, String name, String baseType, boolean notNull, String defaultExpression,
        String check) implements Serializable {
}
