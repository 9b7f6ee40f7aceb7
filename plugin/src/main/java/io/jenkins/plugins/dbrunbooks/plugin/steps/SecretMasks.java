package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Replaces secrets in build log lines with {@code ****}, for the Pipeline block steps and the build wrappers. */
public final class SecretMasks {
    public static final String MASK = "****";

    private SecretMasks() {
    }

    /** One pattern for all secrets, longest first so that a secret containing another is masked whole. */
    public static String pattern(Collection<String> secrets) {
        return secrets.stream().filter(s -> s != null && !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    /** {@code logger} with every match of {@code pattern} masked; {@code logger} itself when there is none. */
    public static OutputStream mask(OutputStream logger, String pattern, Charset charset) {
        if (pattern == null || pattern.isEmpty()) {
            return logger;
        }
        return new MaskingStream(logger, Pattern.compile(pattern), charset);
    }

    private static final class MaskingStream extends LineTransformationOutputStream.Delegating {
        private final Pattern pattern;
        private final Charset charset;

        MaskingStream(OutputStream out, Pattern pattern, Charset charset) {
            super(out);
            this.pattern = pattern;
            this.charset = charset;
        }

        @Override
        protected void eol(byte[] b, int len) throws IOException {
            String line = new String(b, 0, len, charset);
            out.write(pattern.matcher(line).replaceAll(MASK).getBytes(charset));
        }
    }
}
