package io.jenkins.plugins.dbrunbooks.engine.verify;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a decoded payload as the format its manifest's engine and method wrote, to its end. A payload in another
 * format (a manifest whose engine or method was changed) or one cut short fails; the error is an
 * {@link io.jenkins.plugins.dbrunbooks.engine.error.RunbookException} of kind INTEGRITY.
 */
interface StructureCheck {

    /** Reads {@code raw}, possibly not to its very end, and says what it found. */
    String check(InputStream raw) throws IOException;
}
