package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import org.junit.Test;

public class MariaDbDdlWriterTest {

    @Test
    public void shouldRebuildTheSameSchemaInAnEmptyDatabase() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            MariaDbCatalogReaderTest.load(source);
            SchemaSnapshot snapshot = MariaDbCatalogReaderTest.read(source);
            MariaDbDdlWriter writer = new MariaDbDdlWriter();
            assertThat(writer.incompatibility(snapshot)).isEmpty();
            try (Connection c = target.connect()) {
                Restores.apply(writer, snapshot, c);
            }
            SchemaSnapshot restored = MariaDbCatalogReaderTest.read(target);

            assertThat(Restores.normalized(restored)).containsExactlyElementsOf(Restores.normalized(snapshot));
        }
    }

    @Test
    public void shouldQuoteWithBackticks() {
        assertThat(new MariaDbDdlWriter().columnName("we`ird")).isEqualTo("`we``ird`");
    }
}
