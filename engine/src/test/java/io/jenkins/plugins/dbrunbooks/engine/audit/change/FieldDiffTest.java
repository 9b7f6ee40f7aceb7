package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.Test;

public class FieldDiffTest {
    @Test
    public void shouldReportChangedAddedAndRemovedFieldsInOrder() {
        Map<String, String> before = new FieldDiff.Fields()
                .put("environments[prod].keepLast", 7)
                .put("environments[prod].protected", true)
                .put("environments[qa].keepLast", 3)
                .toMap();
        Map<String, String> after = new FieldDiff.Fields()
                .put("environments[prod].keepLast", 14)
                .put("environments[prod].protected", true)
                .put("environments[dev].keepLast", 1)
                .toMap();

        assertThat(FieldDiff.between(before, after)).containsExactly(
                new FieldChange("environments[prod].keepLast", "7", "14"),
                new FieldChange("environments[dev].keepLast", null, "1"),
                new FieldChange("environments[qa].keepLast", "3", null));
    }

    @Test
    public void shouldMaskWhatItReports() {
        Map<String, String> before = Map.of("environments[prod].databases[x].url", "jdbc:postgresql://u:old@db/x");
        Map<String, String> after = Map.of("environments[prod].databases[x].url", "jdbc:postgresql://u:new@db/x");

        assertThat(FieldDiff.between(before, after)).containsExactly(new FieldChange(
                "environments[prod].databases[x].url", "jdbc:postgresql://u:****@db/x",
                "jdbc:postgresql://u:****@db/x"));
    }

    @Test
    public void shouldTreatANullValueAsAValue() {
        Map<String, String> before = new FieldDiff.Fields().put("a", null).toMap();
        Map<String, String> after = new FieldDiff.Fields().put("a", "x").toMap();

        assertThat(FieldDiff.between(before, after)).containsExactly(new FieldChange("a", null, "x"));
        assertThat(FieldDiff.between(before, before)).isEmpty();
    }
}
