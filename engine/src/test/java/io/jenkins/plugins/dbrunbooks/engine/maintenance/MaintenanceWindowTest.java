package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class MaintenanceWindowTest {
    private static final Instant SINCE = Instant.parse("2026-03-01T08:00:00Z");

    private static MaintenanceWindow window(String reason, Instant until, Set<String> environments) {
        return MaintenanceWindow.of(reason, "alice", SINCE, until, environments, LockKind.NONE);
    }

    @Test
    public void shouldGiveEachWindowItsOwnId() {
        assertThat(window("upgrade", null, Set.of()).id()).isNotEqualTo(window("upgrade", null, Set.of()).id());
    }

    @Test
    public void shouldRefuseAMissingOrBlankReason() {
        for (String reason : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> window(reason, null, Set.of())).isInstanceOf(RunbookException.class)
                    .hasMessage("Maintenance needs a reason")
                    .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.USAGE);
        }
    }

    @Test
    public void shouldAcceptFiveHundredCharactersAndRefuseMore() {
        assertThat(window(" " + "x".repeat(500) + " ", null, Set.of()).reason()).hasSize(500);
        assertThatThrownBy(() -> window("x".repeat(501), null, Set.of()))
                .hasMessage("The maintenance reason has 501 characters");
    }

    @Test
    public void shouldRefuseAnEndThatIsNotAfterTheStart() {
        assertThatThrownBy(() -> window("upgrade", SINCE, Set.of())).isInstanceOf(RunbookException.class)
                .hasMessageContaining("not after it starts");
        assertThatThrownBy(() -> window("upgrade", SINCE.minusSeconds(1), Set.of()))
                .hasMessageContaining("not after it starts");
        assertThat(window("upgrade", SINCE.plusSeconds(1), Set.of()).until()).isEqualTo(SINCE.plusSeconds(1));
    }

    @Test
    public void shouldRefuseInvalidEnvironmentNames() {
        for (String name : new String[] {"", "../prod", "prod qa", "-prod"}) {
            assertThatThrownBy(() -> window("upgrade", null, Set.of(name))).isInstanceOf(RunbookException.class)
                    .hasMessageContaining("is not a valid name")
                    .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION);
        }
    }

    @Test
    public void shouldRefuseAWindowNobodyEnabled() {
        assertThatThrownBy(() -> MaintenanceWindow.of("upgrade", " ", SINCE, null, Set.of(), LockKind.NONE))
                .hasMessageContaining("names nobody");
    }

    @Test
    public void shouldBeGlobalWithoutEnvironments() {
        MaintenanceWindow global = window("upgrade", null, null);
        assertThat(global.isGlobal()).isTrue();
        assertThat(global.covers("prod")).isTrue();
        assertThat(global.databaseLock()).isEqualTo(LockKind.NONE);
        MaintenanceWindow qa = window("upgrade", null, Set.of("qa"));
        assertThat(qa.isGlobal()).isFalse();
        assertThat(qa.covers("qa")).isTrue();
        assertThat(qa.covers("prod")).isFalse();
    }

    @Test
    public void shouldExpireExactlyAtItsEnd() {
        Instant until = SINCE.plusSeconds(3600);
        MaintenanceWindow w = window("upgrade", until, Set.of());
        assertThat(w.isExpired(until.minusMillis(1))).isFalse();
        assertThat(w.isExpired(until)).isTrue();
        assertThat(w.isExpired(until.plusMillis(1))).isTrue();
        assertThat(window("upgrade", null, Set.of()).isExpired(Instant.MAX)).isFalse();
    }

    @Test
    public void shouldKeepEnvironmentsInOrderAndUnmodifiable() {
        MaintenanceWindow w = window("upgrade", null, new LinkedHashSet<>(List.of("qa", "prod", "dev")));
        assertThat(w.environments()).containsExactly("qa", "prod", "dev");
        assertThatThrownBy(() -> w.environments().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    public void shouldSurviveSerialization() throws Exception {
        MaintenanceWindow w = MaintenanceWindow.of("upgrade", "alice", SINCE, SINCE.plusSeconds(60),
                new LinkedHashSet<>(List.of("qa", "prod")), LockKind.READ_ONLY);
        MaintenanceWindow copy = MaintenanceStateTest.roundTrip(w);
        assertThat(copy).isEqualTo(w);
        assertThat(copy.environments()).containsExactly("qa", "prod");
    }
}
