package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.plugin.steps.SecretMasks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Secrets bound by a build wrapper, masked in its build's log. The log is decorated before the wrapper has set
 * anything up, so the filter looks the secrets up as each line is written. Kept in memory only, never on disk,
 * and forgotten when the wrapper tears down.
 */
final class BuildSecrets {
    private static final Map<String, Set<String>> SECRETS = new ConcurrentHashMap<>();

    private BuildSecrets() {
    }

    static void add(Run<?, ?> build, Collection<String> secrets) {
        SECRETS.computeIfAbsent(build.getExternalizableId(), id -> new CopyOnWriteArraySet<>()).addAll(secrets);
    }

    static void forget(Run<?, ?> build) {
        SECRETS.remove(build.getExternalizableId());
    }

    static String pattern(String buildId) {
        Set<String> secrets = SECRETS.get(buildId);
        return secrets == null ? "" : SecretMasks.pattern(secrets);
    }

    /** The log filter of one build. */
    static final class Filter extends ConsoleLogFilter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String buildId;
        private final String charset;

        Filter(Run<?, ?> build) {
            this.buildId = build.getExternalizableId();
            this.charset = build.getCharset().name();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            return new LazyMask(logger, buildId, Charset.forName(charset));
        }
    }

    /** Asks for the current secrets of the build at the end of every line. */
    private static final class LazyMask extends LineTransformationOutputStream.Delegating {
        private final String buildId;
        private final Charset charset;

        LazyMask(OutputStream out, String buildId, Charset charset) {
            super(out);
            this.buildId = buildId;
            this.charset = charset;
        }

        @Override
        protected void eol(byte[] b, int len) throws IOException {
            String pattern = pattern(buildId);
            if (pattern.isEmpty()) {
                out.write(b, 0, len);
                return;
            }
            String line = new String(b, 0, len, charset);
            out.write(line.replaceAll(pattern, SecretMasks.MASK).getBytes(charset));
        }
    }
}
