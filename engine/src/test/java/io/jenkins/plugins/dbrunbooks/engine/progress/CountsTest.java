package io.jenkins.plugins.dbrunbooks.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class CountsTest {

    @Test
    public void oneIsSingularEverythingElsePlural() {
        assertThat(Counts.of(1, "row")).isEqualTo("1 row");
        assertThat(Counts.of(0, "row")).isEqualTo("0 rows");
        assertThat(Counts.of(2, "table")).isEqualTo("2 tables");
        assertThat(Counts.of(1, "entry", "entries")).isEqualTo("1 entry");
        assertThat(Counts.of(3, "entry", "entries")).isEqualTo("3 entries");
    }
}
