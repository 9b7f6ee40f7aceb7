package io.jenkins.plugins.dbrunbooks.engine.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * A database a killed run was still creating on the server is waited for, so the sweep drops it once it is there
 * instead of forgetting its note while it does not exist yet.
 */
public class LeftoversTest {

    /** A server that finishes creating the database after {@code checks} looks. */
    private static final class Creating implements DatabaseAdmin {
        private final int checks;
        private final List<String> asked = new ArrayList<>();
        private int looked;

        Creating(int checks) {
            this.checks = checks;
        }

        @Override
        public boolean exists(String name) {
            asked.add("exists");
            return ++looked > checks;
        }

        @Override
        public boolean beingCreated(String name) {
            asked.add("creating");
            return checks > 0;
        }

        @Override
        public String currentDatabaseName() {
            return "orders";
        }

        @Override
        public String jdbcUrlFor(String name) {
            return "jdbc:none:" + name;
        }

        @Override
        public void create(String name, String likeDatabase) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void drop(String name) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    public void waitsWhileTheServerStillCreatesTheDatabase() {
        Creating admin = new Creating(3);
        Leftovers.awaitCreation(admin, "orders_restore_00aa");
        assertThat(admin.asked).containsExactly("exists", "creating", "exists", "creating", "exists", "creating",
                "exists");
    }

    @Test
    public void doesNotWaitForADatabaseNobodyCreates() {
        Creating admin = new Creating(0);
        Leftovers.awaitCreation(admin, "orders_restore_00aa");
        assertThat(admin.asked).containsExactly("exists");
    }
}
