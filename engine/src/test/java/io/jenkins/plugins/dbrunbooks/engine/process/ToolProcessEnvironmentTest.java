package io.jenkins.plugins.dbrunbooks.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** A tool sees the system's basics, the client libraries' settings and what we give it; no one's password. */
public class ToolProcessEnvironmentTest {

    @Test
    public void keepsTheBasicsAndClientSettingsButNoPasswords() {
        assertThat(ToolProcess.inherited("PATH")).isTrue();
        assertThat(ToolProcess.inherited("HOME")).isTrue();
        assertThat(ToolProcess.inherited("LC_ALL")).isTrue();
        assertThat(ToolProcess.inherited("PGSSLROOTCERT")).isTrue();
        assertThat(ToolProcess.inherited("MYSQL_HOME")).isTrue();
        assertThat(ToolProcess.inherited("PGPASSWORD")).isFalse();
        assertThat(ToolProcess.inherited("MYSQL_PWD")).isFalse();
        assertThat(ToolProcess.inherited("ORDERS_PROD_BACKUP_PASSWORD")).isFalse();
        assertThat(ToolProcess.inherited("SHOP_QA_SECRET")).isFalse();
        assertThat(ToolProcess.inherited("AWS_SECRET_ACCESS_KEY")).isFalse();
        // A passwordEnv may be named like a client setting.
        assertThat(ToolProcess.inherited("PGQA_PASS")).isFalse();
        assertThat(ToolProcess.inherited("MYSQL_ORDERS_SECRET")).isFalse();
        assertThat(ToolProcess.inherited("MARIADB_PASSWORD")).isFalse();
    }

    @Test
    public void aStartedToolSeesOnlyItsEnvironment() throws IOException {
        Path env = Path.of("/usr/bin/env");
        assumeTrue("needs /usr/bin/env", Files.isExecutable(env));
        try (ToolProcess p = ToolProcess.start(List.of(env.toString()), Map.of("PGHOST", "db.example"), null,
                ProgressListener.NONE)) {
            String seen = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
            p.waitForSuccess(ErrorKind.BACKUP_FAILED, "env");
            List<String> names = seen.lines().map(line -> line.substring(0, Math.max(0, line.indexOf('='))))
                    .toList();
            assertThat(names).contains("PGHOST", "PATH").allMatch(ToolProcess::inherited);
        }
    }
}
