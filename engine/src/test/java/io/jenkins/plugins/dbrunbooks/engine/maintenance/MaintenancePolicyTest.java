package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenancePolicy.Decision;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.junit.experimental.runners.Enclosed;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Enclosed.class)
public class MaintenancePolicyTest {
    static final Instant SINCE = Instant.parse("2026-03-01T08:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant LATER = Instant.parse("2026-03-01T14:00:00Z");
    static final String STEP_ENVIRONMENT = "prod";

    static MaintenanceWindow window(String id, Instant until, String... environments) {
        return new MaintenanceWindow(id, "upgrade " + id, "admin", SINCE, until, Set.of(environments),
                LockKind.NONE);
    }

    /** When the question is asked, relative to the {@code until} of the windows that have one. */
    enum Moment {
        BEFORE_UNTIL(UNTIL.minusSeconds(60)),
        EXACTLY_AT_UNTIL(UNTIL),
        AFTER_UNTIL(UNTIL.plusSeconds(60));

        final Instant now;

        Moment(Instant now) {
            this.now = now;
        }
    }

    /**
     * Each scope with what it holds for someone who may not maintain, at each moment: builds, then steps aimed
     * at environment prod, each followed by the id of the window named in the reason. 'H' holds, '-'
     * allows; the three columns are before, exactly at and after the {@code until}.
     */
    enum Scope {
        OFF(List.of(),
                "---", "   ,   ,   ",
                "---", "   ,   ,   "),
        GLOBAL(List.of(window("g", UNTIL)),
                "H--", "g  ,   ,   ",
                "H--", "g  ,   ,   "),
        GLOBAL_UNTIL_TURNED_OFF(List.of(window("g", null)),
                "HHH", "g  ,g  ,g  ",
                "HHH", "g  ,g  ,g  "),
        ENVIRONMENT_MATCHING(List.of(window("e", UNTIL, "qa", "prod")),
                "---", "   ,   ,   ",
                "H--", "e  ,   ,   "),
        ENVIRONMENT_NOT_MATCHING(List.of(window("e", UNTIL, "qa")),
                "---", "   ,   ,   ",
                "---", "   ,   ,   "),
        SEVERAL_GLOBAL_AND_ENVIRONMENTS(List.of(window("g", UNTIL), window("p", null, "prod"),
                window("q", LATER, "qa")),
                "H--", "g  ,   ,   ",
                "HHH", "p  ,p  ,p  "),
        SEVERAL_GLOBAL_ENDING_APART(List.of(window("g1", UNTIL), window("g2", LATER), window("g3", UNTIL)),
                "HHH", "g2 ,g2 ,g2 ",
                "HHH", "g2 ,g2 ,g2 "),
        SEVERAL_ENVIRONMENT_WINDOWS_FOR_THE_STEP(List.of(window("p1", UNTIL, "prod"), window("p2", LATER, "prod"),
                window("q", null, "qa")),
                "---", "   ,   ,   ",
                "HHH", "p2 ,p2 ,p2 ");

        final MaintenanceState state;
        final String builds;
        final String[] buildNamed;
        final String steps;
        final String[] stepNamed;

        Scope(List<MaintenanceWindow> windows, String builds, String buildNamed, String steps, String stepNamed) {
            this.state = MaintenanceState.of(windows);
            this.builds = builds;
            this.buildNamed = ids(buildNamed);
            this.steps = steps;
            this.stepNamed = ids(stepNamed);
        }

        private static String[] ids(String column) {
            return Arrays.stream(column.split(",")).map(String::strip).toArray(String[]::new);
        }
    }

    /** Who is at the origin of the request, and whether the policy must let them through. */
    enum Origin {
        MAINTAINER(Requester.user("alice", true), true),
        NOT_MAINTAINER(Requester.user("bob", false), false),
        NO_USER(Requester.nobody(), false),
        MAINTAINER_TWO_UPSTREAM_LINKS_UP(Requester.chain(List.of(new Link(null, false), new Link(null, false),
                new Link("alice", true))), true),
        NOT_MAINTAINER_FIRST_USER_UPSTREAM(Requester.chain(List.of(new Link(null, false), new Link("bob", false),
                new Link("alice", true))), false),
        TIMER_CHAIN_WITHOUT_USER(Requester.chain(List.of(new Link(null, false), new Link(null, false),
                new Link(null, false))), false);

        final Requester requester;
        final boolean letThrough;

        Origin(Requester requester, boolean letThrough) {
            this.requester = requester;
            this.letThrough = letThrough;
        }
    }

    @RunWith(Parameterized.class)
    public static class Combinations {
        @Parameter(0)
        public Scope scope;
        @Parameter(1)
        public Origin origin;
        @Parameter(2)
        public Moment moment;

        @Parameters(name = "{0}, {1}, {2}")
        public static List<Object[]> combinations() {
            List<Object[]> rows = new ArrayList<>();
            for (Scope scope : Scope.values()) {
                for (Origin origin : Origin.values()) {
                    for (Moment moment : Moment.values()) {
                        rows.add(new Object[] {scope, origin, moment});
                    }
                }
            }
            return rows;
        }

        @Test
        public void shouldHoldBuildsExactlyAsTheTableSays() {
            boolean held = scope.builds.charAt(moment.ordinal()) == 'H' && !origin.letThrough;
            Decision decision = MaintenancePolicy.forBuild(scope.state, moment.now, origin.requester);
            check(decision, held, scope.buildNamed);
        }

        @Test
        public void shouldHoldStepsExactlyAsTheTableSays() {
            boolean held = scope.steps.charAt(moment.ordinal()) == 'H' && !origin.letThrough;
            Decision decision = MaintenancePolicy.forStep(scope.state, moment.now, STEP_ENVIRONMENT,
                    origin.requester);
            check(decision, held, scope.stepNamed);
        }

        private void check(Decision decision, boolean held, String[] named) {
            assertThat(decision.allowed()).isEqualTo(!held);
            if (held) {
                assertThat(decision.window().id()).isEqualTo(named[moment.ordinal()]);
                assertThat(decision.reason()).isEqualTo(MaintenancePolicy.describe(decision.window()))
                        .startsWith("Database maintenance: upgrade " + decision.window().id() + ", by admin");
            } else {
                assertThat(decision.reason()).isNull();
                assertThat(decision.window()).isNull();
            }
        }
    }

    public static class Reasons {
        @Test
        public void shouldNameReasonUserAndBothTimesInUtc() {
            MaintenanceWindow w = new MaintenanceWindow("w", "PostgreSQL 16 upgrade", "alice",
                    Instant.parse("2026-03-01T08:05:59Z"), Instant.parse("2026-03-01T23:30:00Z"), Set.of(),
                    LockKind.READ_ONLY);
            assertThat(MaintenancePolicy.describe(w)).isEqualTo("Database maintenance: PostgreSQL 16 upgrade,"
                    + " by alice since 2026-03-01 08:05 UTC, until 2026-03-01 23:30 UTC");
        }

        @Test
        public void shouldSayUntilTurnedOffWhenThereIsNoEnd() {
            MaintenanceWindow w = MaintenanceWindow.global("Jenkins upgrade", "alice", SINCE);
            assertThat(MaintenancePolicy.describe(w)).isEqualTo(
                    "Database maintenance: Jenkins upgrade, by alice since 2026-03-01 08:00 UTC, until turned off");
        }

        @Test
        public void shouldListEnvironmentsInTheOrderGiven() {
            MaintenanceWindow w = MaintenanceWindow.of("schema change", "alice", SINCE, UNTIL,
                    new java.util.LinkedHashSet<>(List.of("qa", "prod")), LockKind.NONE);
            assertThat(MaintenancePolicy.describe(w)).isEqualTo("Database maintenance: schema change, by alice"
                    + " since 2026-03-01 08:00 UTC, until 2026-03-01 12:00 UTC (environments qa, prod)");
        }

        @Test
        public void shouldGiveTheSameReasonInTheDecisionAndTheBanner() {
            MaintenanceWindow w = MaintenanceWindow.global("Jenkins upgrade", "alice", SINCE);
            Decision d = MaintenancePolicy.forBuild(MaintenanceState.off().enable(w), UNTIL, Requester.nobody());
            assertThat(d.held()).isTrue();
            assertThat(d.reason()).isEqualTo(MaintenancePolicy.describe(w));
        }

        @Test
        public void shouldHoldStepsOfOtherEnvironmentsOnlyUnderGlobalMaintenance() {
            MaintenanceState state = MaintenanceState.off().enable(window("e", null, "qa"));
            assertThat(MaintenancePolicy.forStep(state, UNTIL, "qa", Requester.nobody()).held()).isTrue();
            assertThat(MaintenancePolicy.forStep(state, UNTIL, "dev", Requester.nobody()).allowed()).isTrue();
            assertThat(MaintenancePolicy.forBuild(state, UNTIL, Requester.nobody()).allowed()).isTrue();
        }
    }

    public static class Requesters {
        @Test
        public void shouldTakeTheFirstUserWalkingUpstream() {
            Requester r = Requester.chain(List.of(new Link(null, true), new Link("carol", false),
                    new Link("alice", true)));
            assertThat(r.originUser()).isEqualTo("carol");
            assertThat(r.originMayMaintain()).isFalse();
        }

        @Test
        public void shouldTakeTheBuildsOwnUserBeforeAnyUpstream() {
            Requester r = Requester.chain(List.of(new Link("alice", true), new Link("bob", false)));
            assertThat(r).isEqualTo(Requester.user("alice", true));
        }

        @Test
        public void shouldTreatAChainWithoutUserAsNobody() {
            assertThat(Requester.chain(List.of(new Link(null, true), new Link(" ", true))))
                    .isEqualTo(Requester.nobody());
            assertThat(Requester.chain(List.of())).isEqualTo(Requester.nobody());
        }

        @Test
        public void shouldNeverLetNobodyMaintain() {
            Requester r = new Requester(null, true);
            assertThat(r.originMayMaintain()).isFalse();
            assertThat(r.displayUser()).isEqualTo("(no user)");
        }
    }
}
