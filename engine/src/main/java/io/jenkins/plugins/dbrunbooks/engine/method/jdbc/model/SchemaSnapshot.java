package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the {@code jdbc} method carries besides rows, read from the source's catalog inside the snapshot's
 * transaction. It is written once at the head of the stream, so a reader knows every table before the data.
 *
 * @param sourceEngine {@code postgresql}, {@code mariadb} or {@code h2}
 * @param schemas schemas to create, besides the target's default one
 * @param composites PostgreSQL composite types, in the order they are created (format version 3)
 * @param definitions objects carried as the source server's own definitions, replayed into the same engine only
 *     (format version 4)
 */
public record SchemaSnapshot(String sourceEngine, String serverVersion, List<String> schemas,
        List<EnumDef> enums, List<DomainDef> domains, List<SequenceDef> sequences, List<TableDef> tables,
        List<ViewDef> views, List<String> extensions, List<NotCarried> notCarried,
        List<CompositeTypeDef> composites, List<NativeDefinition> definitions) implements Serializable {

    /** A snapshot of an engine without composite types. */
    public SchemaSnapshot(String sourceEngine, String serverVersion, List<String> schemas, List<EnumDef> enums,
            List<DomainDef> domains, List<SequenceDef> sequences, List<TableDef> tables, List<ViewDef> views,
            List<String> extensions, List<NotCarried> notCarried) {
        this(sourceEngine, serverVersion, schemas, enums, domains, sequences, tables, views, extensions, notCarried,
                List.of(), List.of());
    }

    /** A snapshot without the source's own definitions (format version 3 and before). */
    public SchemaSnapshot(String sourceEngine, String serverVersion, List<String> schemas, List<EnumDef> enums,
            List<DomainDef> domains, List<SequenceDef> sequences, List<TableDef> tables, List<ViewDef> views,
            List<String> extensions, List<NotCarried> notCarried, List<CompositeTypeDef> composites) {
        this(sourceEngine, serverVersion, schemas, enums, domains, sequences, tables, views, extensions, notCarried,
                composites, List.of());
    }

    public SchemaSnapshot {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        enums = enums == null ? List.of() : List.copyOf(enums);
        domains = domains == null ? List.of() : List.copyOf(domains);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        tables = tables == null ? List.of() : List.copyOf(tables);
        views = views == null ? List.of() : List.copyOf(views);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        composites = composites == null ? List.of() : List.copyOf(composites);
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
    }
}
