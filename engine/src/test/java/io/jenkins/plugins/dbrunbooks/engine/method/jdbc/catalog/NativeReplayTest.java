package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class NativeReplayTest {

    private static NativeDefinition definition(String kind, String name, String phase, String... dependsOn) {
        return new NativeDefinition("postgresql", kind, "app", name, phase, List.of("-- " + name),
                List.of(dependsOn));
    }

    private static List<String> names(List<NativeDefinition> definitions) {
        return definitions.stream().map(NativeDefinition::name).toList();
    }

    @Test
    public void shouldReplayEachDefinitionAfterWhatItDependsOnAndKeepTheSnapshotsOrderOtherwise() {
        List<NativeDefinition> all = List.of(
                definition("view", "v2", NativeDefinition.AFTER_KEYS, "view app.v1", "function app.f()"),
                definition("view", "v1", NativeDefinition.AFTER_KEYS, "table app.t"),
                definition("function", "f()", NativeDefinition.BEFORE_TABLES),
                definition("trigger", "t.tr", NativeDefinition.AFTER_KEYS, "function app.f()"),
                definition("function", "g()", NativeDefinition.BEFORE_TABLES, "function app.f()"));

        assertThat(names(NativeReplay.inPhase(all, "postgresql", NativeDefinition.BEFORE_TABLES)))
                .containsExactly("f()", "g()");
        assertThat(names(NativeReplay.inPhase(all, "postgresql", NativeDefinition.AFTER_KEYS)))
                .containsExactly("v1", "v2", "t.tr");
        assertThat(NativeReplay.statements(all, "postgresql", NativeDefinition.BEFORE_DATA, Set.of())).isEmpty();
        assertThat(NativeReplay.statements(all, "mariadb", NativeDefinition.AFTER_KEYS, Set.of())).isEmpty();
    }

    @Test
    public void shouldWaitForTheLatestPhaseOfWhatADefinitionDependsOn() {
        // A function returning a view's rows cannot be created before the view, however early it asked to be.
        List<NativeDefinition> all = List.of(
                definition("function", "rows_of_v()", NativeDefinition.BEFORE_TABLES, "view app.v"),
                definition("view", "v", NativeDefinition.AFTER_KEYS));

        assertThat(NativeReplay.inPhase(all, "postgresql", NativeDefinition.BEFORE_TABLES)).isEmpty();
        assertThat(names(NativeReplay.inPhase(all, "postgresql", NativeDefinition.AFTER_KEYS)))
                .containsExactly("v", "rows_of_v()");
    }

    @Test
    public void shouldReplayACycleInTheSnapshotsOrderAndRefuseAnUnknownPhase() {
        List<NativeDefinition> all = List.of(
                definition("function", "a()", NativeDefinition.AFTER_KEYS, "function app.b()"),
                definition("function", "b()", NativeDefinition.AFTER_KEYS, "function app.a()"));

        assertThat(names(NativeReplay.inPhase(all, "postgresql", NativeDefinition.AFTER_KEYS)))
                .containsExactly("a()", "b()");
        assertThatThrownBy(() -> definition("function", "c()", "later")).hasMessageContaining("Unknown phase 'later'");
    }

    @Test
    public void shouldLeaveOutWhatNeedsARoleTheTargetLacks() {
        List<NativeDefinition> all = List.of(
                definition("function", "f()", NativeDefinition.BEFORE_TABLES),
                definition("owner", "f()", NativeDefinition.AFTER_KEYS, "function app.f()",
                        NativeDefinition.role("app_owner")),
                definition("grant", "f()", NativeDefinition.AFTER_KEYS, "function app.f()",
                        NativeDefinition.role("reporting")));

        assertThat(NativeReplay.roles(all, "postgresql")).containsExactly("app_owner", "reporting");
        assertThat(NativeReplay.inPhase(all, "postgresql", NativeDefinition.AFTER_KEYS, Set.of("reporting")))
                .extracting(NativeDefinition::kind).containsExactly("owner");
    }
}
