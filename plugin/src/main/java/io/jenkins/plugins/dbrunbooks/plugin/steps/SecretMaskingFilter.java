package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Collection;

/**
 * Masks the secrets bound by a block step in the log of its body. It is saved with the Pipeline program, so the
 * pattern is kept as a {@link Secret}: encrypted on disk, never in plain text in the build directory.
 */
final class SecretMaskingFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Secret pattern;
    private final String charset;

    SecretMaskingFilter(Collection<String> secrets, Charset charset) {
        this.pattern = Secret.fromString(SecretMasks.pattern(secrets));
        this.charset = charset.name();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return SecretMasks.mask(logger, pattern.getPlainText(), Charset.forName(charset));
    }
}
