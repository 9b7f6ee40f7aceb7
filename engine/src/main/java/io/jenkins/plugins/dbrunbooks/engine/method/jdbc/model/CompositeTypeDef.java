package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * A PostgreSQL composite type ({@code CREATE TYPE ... AS (...)}), restored into PostgreSQL only.
 *
 * @param attributes each attribute as the source server writes it: quoted name, type, collation where it is not
 *     the type's own
 * @param uses the other composite types its attributes are of ({@code schema.name}), created before it
 */
public record CompositeTypeDef(String schema, String name, List<String> attributes, List<String> uses,
        String comment) implements Serializable {

    public CompositeTypeDef {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        uses = uses == null ? List.of() : List.copyOf(uses);
    }
}
