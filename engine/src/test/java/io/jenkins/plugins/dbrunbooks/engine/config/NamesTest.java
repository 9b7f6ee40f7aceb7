package io.jenkins.plugins.dbrunbooks.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class NamesTest {
    @Test
    public void shouldAcceptOrdinaryNamesAndLabels() {
        assertThat(Names.requireName("Environment", "qa-eu_1")).isEqualTo("qa-eu_1");
        assertThat(Names.requireLabel("pre-1.4.2")).isEqualTo("pre-1.4.2");
        assertThat(Names.requireDatabaseName("orders_copy")).isEqualTo("orders_copy");
    }

    @Test
    public void shouldRefuseWhatCouldEscapeAPathOrAStatement() {
        for (String bad : List.of("", "..", "a/b", "a\\b", "-x", "a b", "x;drop", "é")) {
            assertThatThrownBy(() -> Names.requireName("Environment", bad)).isInstanceOf(RunbookException.class);
        }
        for (String bad : List.of("..", "a/../b", "a/b", ".hidden", "a\u0000b")) {
            assertThatThrownBy(() -> Names.requireLabel(bad)).isInstanceOf(RunbookException.class);
        }
        for (String bad : List.of("1abc", "a-b", "a\"b", "x".repeat(64))) {
            assertThatThrownBy(() -> Names.requireDatabaseName(bad)).isInstanceOf(RunbookException.class);
        }
    }

    @Test
    public void shouldNotEchoControlCharacters() {
        assertThatThrownBy(() -> Names.requireName("Environment", "a\u001b[2Jb"))
                .hasMessageNotContaining("\u001b");
    }

    @Test
    public void shouldRefuseDuplicatesAndUnknownNames() {
        DatabaseTarget db = new DatabaseTarget("orders", "jdbc:h2:mem:x", MethodChoice.NATIVE, Map.of());
        assertThatThrownBy(() -> new Environment("qa", false, "/b", null, null, List.of(db, db)))
                .hasMessageContaining("twice");
        RunbookConfig config = new RunbookConfig(List.of(new Environment("qa", false, "/b", null, null, List.of(db))));
        assertThatThrownBy(() -> config.environment("prod")).hasMessageContaining("'prod'")
                .satisfies(e -> assertThat(((RunbookException) e).hint()).contains("qa"));
        assertThatThrownBy(() -> new DatabaseTarget("x", "postgres://h/x", null, null))
                .hasMessageContaining("JDBC URL");
        assertThatThrownBy(() -> MethodChoice.of("rsync")).hasMessageContaining("'rsync'");
    }

    @Test
    public void shouldMakeScratchNamesThatAreValidDatabaseNamesWithinTheLimit() {
        assertThat(Names.scratchDatabase("orders", "12")).matches("orders_copy_12_[0-9a-f]{4}");
        assertThat(Names.scratchDatabase("order-lines", null)).matches("order_lines_copy_[0-9a-f]{4}");
        assertThat(Names.scratchDatabase("1st", "5")).startsWith("db_1st_copy_5_");
        String longest = Names.scratchDatabase("a".repeat(63), "123456");
        assertThat(longest).hasSize(Names.MAX_DATABASE_NAME).endsWith(longest.substring(longest.indexOf("_copy_")));
        assertThat(Names.isValidDatabaseName(longest)).isTrue();
    }

    @Test
    public void shouldCutTheBaseNeverTheSuffix() {
        assertThat(Names.withSuffix("short", "_old_0a1b")).isEqualTo("short_old_0a1b");
        assertThat(Names.withSuffix("b".repeat(70), "_restore_ffff")).hasSize(63).endsWith("b_restore_ffff");
    }

    @Test
    public void shouldRefuseATagThatCouldEscapeSql() {
        assertThatThrownBy(() -> Names.scratchDatabase("orders", "1; DROP")).isInstanceOf(RunbookException.class)
                .hasMessageContaining("tag '1; DROP'");
    }
}
