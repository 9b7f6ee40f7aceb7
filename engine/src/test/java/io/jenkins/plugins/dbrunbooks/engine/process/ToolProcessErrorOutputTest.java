package io.jenkins.plugins.dbrunbooks.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;

/** A tool's error output reaches the error message and the listener in lines of bounded length. */
public class ToolProcessErrorOutputTest {

    @Test
    public void aLongLineOfErrorOutputIsCutWithWhatFollowsKept() {
        Path sh = Path.of("/bin/sh");
        assumeTrue("needs /bin/sh", Files.isExecutable(sh));
        // As the mariadb client repeats a failed INSERT of megabytes before the server's error.
        String script = "printf -- '--------------\\n' >&2; head -c 3000000 /dev/zero | tr '\\0' x >&2; "
                + "printf '\\n\\nERROR 1153 (08S01) at line 146: Got a packet bigger than max_allowed_packet\\n' >&2;"
                + " exit 1";
        List<String> messages = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public void message(String message) {
                messages.add(message);
            }
        };
        RunbookException error;
        try (ToolProcess p = ToolProcess.start(List.of(sh.toString(), "-c", script), java.util.Map.of(), null,
                listener)) {
            error = catchThrowableOfType(() -> p.waitForSuccess(ErrorKind.RESTORE_FAILED, "Restore"),
                    RunbookException.class);
        }

        assertThat(error.getMessage()).hasSizeLessThan(3 * ToolProcess.KEPT_LINE_CHARS)
                .contains("'sh' exited with code 1", "x".repeat(100) + " ... (2998000 more characters)",
                        "ERROR 1153 (08S01) at line 146");
        assertThat(messages).allSatisfy(m -> assertThat(m).hasSizeLessThan(ToolProcess.KEPT_LINE_CHARS + 100))
                .contains("sh: ERROR 1153 (08S01) at line 146: Got a packet bigger than max_allowed_packet");
    }
}
