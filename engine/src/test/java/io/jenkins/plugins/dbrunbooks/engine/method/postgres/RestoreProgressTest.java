package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The lines of a parallel pg_restore as they arrive: its jobs write each line in pieces to one error output. */
public class RestoreProgressTest {
    private final List<String> said = new ArrayList<>();
    private final RestoreProgress progress = new RestoreProgress(new ProgressListener() {
        @Override
        public void progress(Progress update) {
        }

        @Override
        public void message(String message) {
            said.add(message);
        }
    }, 3, 1);

    @Test
    public void stepsAreLeftOutHoweverTheJobsCutTheirLines() {
        // Seen from pg_restore --jobs=2 on 1,000 tables.
        List.of("pg_restore: pg_restore: creating CONSTRAINT \"many.t52 t52_pkey\"",
                "pg_restore: pg_restore:pg_restore:  creating CONSTRAINT \"many.t56 t56_pkey\"",
                "pg_restore: creating CONSTRAINT \"many.t55 t55_pkey\"",
                "pg_restore:  creating CONSTRAINT \"many.t62 t62_pkey\"",
                "pg_restore: pg_restore:pg_restore: launching item 7320 CONSTRAINT t64 t64_pkey",
                "pg_restore: pg_restore:pg_restore: finished item 7410 CONSTRAINT t109 t109_pkey",
                "pg_restore:  pg_restore: skipping item 9736 TABLE DATA t402",
                "pg_restore: pg_restore:  finished item 9170 CONSTRAINT t989 t989_pkey",
                "pg_restore: pg_restore: connecting to database for restore",
                "pg_restore: pg_restore: entering main parallel loop",
                "pg_restore: ").forEach(progress::message);

        assertThat(said).isEmpty();
    }

    @Test
    public void tablesAreCountedAndProblemsAndOtherLinesPassThrough() {
        progress.message("pg_restore: pg_restore: processing data for table \"public.items\"");
        progress.message("pg_restore: pg_restore:pg_restore: processing data for table \"public.orders\"");
        progress.message("pg_restore: pg_restore: error: could not execute query: ERROR:  boom");
        progress.message("pg_restore: pg_restore:pg_restore: warning: errors ignored on restore: 1");
        progress.message("pg_restore: Command was: CREATE TABLE public.t (x integer);");
        progress.message("Creating 1,000 tables with 2 pg_restore runs at once");

        assertThat(said).containsExactly("Loading table 'public.items' (2 of 3)",
                "Loading table 'public.orders' (3 of 3)",
                "pg_restore: pg_restore: error: could not execute query: ERROR:  boom",
                "pg_restore: pg_restore:pg_restore: warning: errors ignored on restore: 1",
                "pg_restore: Command was: CREATE TABLE public.t (x integer);",
                "Creating 1,000 tables with 2 pg_restore runs at once");
    }
}
