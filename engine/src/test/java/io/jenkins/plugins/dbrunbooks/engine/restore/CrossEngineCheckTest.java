package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CrossEngineCheckTest {
    private static final DbCredential H2_LOGIN = DbCredential.of("sa", null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRefuseARestoreIntoAnEngineThatCannotTranslateAViewBeforeTouchingTheTarget() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY, price numeric(10,2))",
                    "INSERT INTO items VALUES (1, 5), (2, 50)",
                    "CREATE VIEW cheap AS SELECT id FROM items WHERE price < 10");
            EngineFixture fixture = fixture(source, false);
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            fixture.login(H2_LOGIN);

            RunbookException refused = catchThrowableOfType(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders")), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("'dev/copy' (h2)", "view", "cheap", "nothing was touched");
            assertThat(refused.hint()).contains("allowPartial");
            assertThat(Files.exists(h2File())).as("the target database was created").isFalse();
        }
    }

    @Test
    public void shouldRestoreWithoutWhatTheTargetCannotTranslateWhenItAcceptsPartialCopies() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items VALUES (1), (2)",
                    "CREATE VIEW everything AS SELECT id FROM items");
            EngineFixture fixture = fixture(source, true);
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            fixture.login(H2_LOGIN);

            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "copy").from("qa", "orders"));

            assertThat(Files.exists(h2File())).isTrue();
            assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Left out of the restore into 'dev/copy'")
                    && m.contains("everything"));
        }
    }

    private EngineFixture fixture(TestDatabase source, boolean targetAcceptsPartial) {
        return new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                .environment("dev", new DatabaseTarget("copy", "jdbc:h2:" + h2File().toString().replace(".mv.db", ""),
                        MethodChoice.NATIVE, Map.of(Role.RESTORE, "restore"), targetAcceptsPartial));
    }

    private Path h2File() {
        return tmp.getRoot().toPath().resolve("h2").resolve("copy.mv.db").toAbsolutePath();
    }
}
