package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolProcess;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pg_restore on the private working copy of a restore, the whole archive or the entries of a list; from several
 * threads at once too, each run with a list file of its own.
 */
final class PgRestore {
    private final MethodContext context;
    private final PrivateFiles files;
    private final Path tool;
    private final Path archive;
    private final String database;
    private final boolean keepOwnership;
    private final AtomicInteger lists = new AtomicInteger();

    PgRestore(MethodContext context, PrivateFiles files, Path tool, Path archive, String database,
            boolean keepOwnership) {
        this.context = context;
        this.files = files;
        this.tool = tool;
        this.archive = archive;
        this.database = database;
        this.keepOwnership = keepOwnership;
    }

    /**
     * @param list the entries to restore, as a --use-list file's text; null for all of them
     * @param progress gets pg_restore's --verbose lines, which name each table as its data starts loading
     */
    void run(String list, int jobs, ProgressListener progress) throws IOException {
        run(archive, list, jobs, progress);
    }

    /** Runs it on {@code other} instead, an archive holding the same table of contents. */
    void run(Path other, String list, int jobs, ProgressListener progress) throws IOException {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--no-password", "--verbose",
                "--exit-on-error", "--jobs=" + jobs, "--dbname=" + database));
        if (!keepOwnership) {
            command.addAll(List.of("--no-owner", "--no-acl"));
        }
        if (list != null) {
            command.add("--use-list=" + files.write("entries-" + lists.incrementAndGet() + ".list", list));
        }
        command.add(other.toString());
        try (ToolProcess restore = ToolProcess.start(command, PostgresTools.environment(context, files),
                files.directory(), progress)
                .onNoAnswer(PostgresTools.NO_ANSWER, PostgresTools.noAnswer(context))) {
            restore.stdin().close();
            restore.waitForSuccess(ErrorKind.RESTORE_FAILED, "Restore into '" + database + "' failed");
        }
    }
}
