package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import org.junit.Test;

public class PostgresDdlWriterTest {

    @Test
    public void shouldRebuildTheSameSchemaInAnEmptyDatabase() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            PostgresCatalogReaderTest.load(source);
            SchemaSnapshot snapshot = PostgresCatalogReaderTest.read(source);
            PostgresDdlWriter writer = new PostgresDdlWriter();
            assertThat(writer.incompatibility(snapshot)).isEmpty();
            assertThat(writer.notes(snapshot)).isEmpty();
            try (Connection c = target.connect()) {
                Restores.apply(writer, snapshot, c);
            }
            SchemaSnapshot restored = PostgresCatalogReaderTest.read(target);

            assertThat(Restores.normalized(restored)).containsExactlyElementsOf(Restores.normalized(snapshot));
            assertThat(restored.enums()).isEqualTo(snapshot.enums());
            assertThat(restored.domains()).isEqualTo(snapshot.domains());
            assertThat(restored.extensions()).isEqualTo(snapshot.extensions());
        }
    }

    @Test
    public void shouldQuoteIdentifiersAndQualifyTables() {
        PostgresDdlWriter writer = new PostgresDdlWriter();
        assertThat(writer.columnName("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(writer.tableName(new io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef("PUBLIC",
                "T", java.util.List.of(), null, null, null, null, null, null))).isEqualTo("\"public\".\"T\"");
    }
}
