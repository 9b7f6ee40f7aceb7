package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class MaintenanceStateTest {
    private static final Instant SINCE = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-01T12:00:00Z");

    private final MaintenanceWindow global = MaintenanceWindow.of("upgrade", "alice", SINCE, UNTIL, Set.of(),
            LockKind.NONE);
    private final MaintenanceWindow prod = MaintenanceWindow.of("migration", "bob", SINCE, null,
            Set.of("prod"), LockKind.READ_ONLY);
    private final MaintenanceWindow qa = MaintenanceWindow.of("test data", "bob", SINCE, null, Set.of("qa"),
            LockKind.NONE);

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    public void shouldStartOff() {
        MaintenanceState off = MaintenanceState.off();
        assertThat(off.windows()).isEmpty();
        assertThat(off.isOn(SINCE)).isFalse();
        assertThat(off.isGlobal(SINCE)).isFalse();
        assertThat(off.environments(SINCE)).isEmpty();
    }

    @Test
    public void shouldLeaveTheOriginalUnchangedOnEnable() {
        MaintenanceState off = MaintenanceState.off();
        MaintenanceState on = off.enable(global);
        assertThat(off.windows()).isEmpty();
        assertThat(on.windows()).containsExactly(global);
        assertThat(on.isGlobal(SINCE)).isTrue();
    }

    @Test
    public void shouldIgnoreEnablingTheSameWindowTwice() {
        MaintenanceState once = MaintenanceState.off().enable(global);
        assertThat(once.enable(global)).isSameAs(once);
    }

    @Test
    public void shouldIgnoreDisablingTwiceOrAnUnknownId() {
        MaintenanceState on = MaintenanceState.off().enable(global).enable(prod);
        MaintenanceState without = on.disable(global.id());
        assertThat(without.windows()).containsExactly(prod);
        assertThat(without.disable(global.id())).isSameAs(without);
        assertThat(on.disable("no-such-window")).isSameAs(on);
    }

    @Test
    public void shouldKeepAnotherUsersMaintenanceWhenANestedOneEnds() {
        MaintenanceState outer = MaintenanceState.off().enable(global);
        MaintenanceWindow inner = MaintenanceWindow.of("quick check", "bob", SINCE, null, Set.of(), LockKind.NONE);
        MaintenanceState afterInner = outer.enable(inner).disable(inner.id());
        assertThat(afterInner).isEqualTo(outer);
        assertThat(afterInner.isGlobal(SINCE)).isTrue();
    }

    @Test
    public void shouldSplitActiveAndExpiredWindowsAtTheirEnd() {
        MaintenanceState state = MaintenanceState.of(List.of(global, prod, qa));
        assertThat(state.active(UNTIL.minusMillis(1))).containsExactly(global, prod, qa);
        assertThat(state.expired(UNTIL.minusMillis(1))).isEmpty();
        assertThat(state.active(UNTIL)).containsExactly(prod, qa);
        assertThat(state.expired(UNTIL)).containsExactly(global);
        assertThat(state.isGlobal(UNTIL)).isFalse();
        assertThat(state.isOn(UNTIL)).isTrue();
        assertThat(state.withoutExpired(UNTIL).windows()).containsExactly(prod, qa);
        assertThat(state.withoutExpired(SINCE)).isSameAs(state);
    }

    @Test
    public void shouldListEnvironmentsOfActiveWindowsOnly() {
        MaintenanceWindow staging = MaintenanceWindow.of("x", "bob", SINCE, UNTIL, Set.of("staging"),
                LockKind.NONE);
        MaintenanceState state = MaintenanceState.of(List.of(global, prod, qa, staging));
        assertThat(state.environments(SINCE)).containsExactlyInAnyOrder("prod", "qa", "staging");
        assertThat(state.environments(UNTIL)).containsExactlyInAnyOrder("prod", "qa");
    }

    @Test
    public void shouldFindWindowsById() {
        MaintenanceState state = MaintenanceState.of(List.of(global, prod));
        assertThat(state.find(prod.id())).contains(prod);
        assertThat(state.find("nope")).isEmpty();
    }

    @Test
    public void shouldSurviveSerialization() throws Exception {
        MaintenanceState state = MaintenanceState.of(List.of(global, prod, qa));
        MaintenanceState copy = roundTrip(state);
        assertThat(copy).isEqualTo(state);
        assertThat(copy.disable(prod.id()).windows()).containsExactly(global, qa);
    }
}
