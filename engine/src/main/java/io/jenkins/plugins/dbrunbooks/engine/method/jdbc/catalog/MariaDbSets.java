package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.util.List;
import java.util.Locale;

/**
 * A MariaDB SET column, which a snapshot carries as a type of its own (kind OTHER) and its values as their text: the
 * labels a row holds, joined by commas. Another engine holds that text in a CHARACTER VARYING as long as all the
 * labels together; which labels it lets in is not checked there, as an ENUM's are not.
 */
final class MariaDbSets {
    private MariaDbSets() {
    }

    /** The length of the longest value of a MariaDB SET column; -1 for any other type. */
    static int longest(SchemaSnapshot snapshot, PortableType type) {
        if (!MariaDbCatalogReader.ENGINE.equals(snapshot.sourceEngine())
                || type.kind() != PortableType.Kind.OTHER || type.nativeType() == null
                || !type.nativeType().toLowerCase(Locale.ROOT).startsWith("set(")) {
            return -1;
        }
        List<String> labels = EnumErrorValues.labels(type.nativeType(), "set(");
        return Math.max(labels.stream().mapToInt(l -> l.codePointCount(0, l.length())).sum() + labels.size() - 1, 1);
    }
}
