package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.TriggerColumns.Reference;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TriggerColumnsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void findsOldAndNewColumnsInAnyCaseQuotedOrSpacedOut() {
        assertThat(TriggerColumns.references("SET @a := old.at", "")).containsExactly(new Reference("OLD", "at"));
        assertThat(TriggerColumns.references("BEGIN\n  SET NEW.`Total` = `OLD` . `a``b` + New./* c */x;\n"
                + "  IF new.total > 0 THEN SET NEW.Total = 0; END IF;\nEND", ""))
                .containsExactly(new Reference("NEW", "Total"), new Reference("OLD", "a`b"), new Reference("NEW", "x"),
                        new Reference("NEW", "total"));
        // Under ANSI_QUOTES a double-quoted text is a name, and an executable comment's text is run.
        assertThat(TriggerColumns.references("SET NEW.\"a\" = 1 /*!100000 + OLD.b */", "ANSI_QUOTES"))
                .containsExactly(new Reference("NEW", "a"), new Reference("OLD", "b"));
    }

    @Test
    public void skipsStringsCommentsVariablesAndOtherTablesColumns() {
        assertThat(TriggerColumns.references("SET @x := 'it''s old.a', @y := \"new.b \\\" old.c\" -- old.d\n"
                + "# new.e\n/* old.f */ + @old.g + @@new.h + @`old`.i + t.old.j + oldest.k + renew.l", "")).isEmpty();
        // Without backslash escapes the string ends at the quote after the backslash.
        assertThat(TriggerColumns.references("SET @x := 'a\\', NEW.b = 1", "NO_BACKSLASH_ESCAPES"))
                .containsExactly(new Reference("NEW", "b"));
        assertThat(TriggerColumns.references("SET @x := 'a\\', NEW.b = '1'", "")).isEmpty();
    }

    @Test
    public void jdbcRefusesATriggerNamingADroppedColumnBeforeWritingAFile() throws Exception {
        refusesBeforeWritingAFile(MethodChoice.JDBC);
    }

    @Test
    public void nativeRefusesATriggerNamingADroppedColumnBeforeWritingAFile() throws Exception {
        refusesBeforeWritingAFile(MethodChoice.NATIVE);
    }

    private void refusesBeforeWritingAFile(MethodChoice method) throws IOException {
        String broken = "CREATE TRIGGER broken BEFORE UPDATE ON t FOR EACH ROW SET @a := old.at + NEW.`B`";
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE t (id INT PRIMARY KEY, at INT, b INT)", broken,
                    // Names that look like OLD and NEW columns but are not, and columns in another case.
                    "CREATE TRIGGER fine BEFORE INSERT ON t FOR EACH ROW SET @a := 'old.at', @b := @new.at,"
                            + " NEW.B = new.Id /* old.at */",
                    "INSERT INTO t VALUES (1, 2, 3)", "ALTER TABLE t DROP COLUMN at");
            // The server keeps the trigger, but does not create it again.
            source.execute("DROP TRIGGER broken");
            assertThatThrownBy(() -> source.execute(broken)).hasMessageContaining("Unknown column 'at' in 'OLD'");
            source.execute("ALTER TABLE t ADD COLUMN at INT", broken, "ALTER TABLE t DROP COLUMN at");

            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                    .environment("qa", EngineFixture.database("orders", source.url(), method));
            assertThatThrownBy(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                        assertThat(e.getMessage()).contains("trigger broken on table t names OLD.at, which t no"
                                + " longer has", "nothing was written").doesNotContain("NEW.B", "fine");
                        assertThat(e.hint()).contains("DROP TRIGGER `broken`;", "create it again");
                    });
            // Not even a partial backup: the trigger is broken on the source too.
            EngineFixture partial = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                    .environment("qa", new DatabaseTarget("orders", source.url(), method,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"), true));
            assertThatThrownBy(() -> new BackupOperation(partial.context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .hasMessageContaining("trigger broken on table t names OLD.at");
            try (var files = Files.walk(tmp.getRoot().toPath())) {
                assertThat(files.filter(Files::isRegularFile).map(Object::toString)).isEmpty();
            }

            source.execute("DROP TRIGGER broken");
            assertThat(new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null))
                    .manifest().method()).isEqualTo(method.name().toLowerCase(Locale.ROOT));
        }
    }
}
