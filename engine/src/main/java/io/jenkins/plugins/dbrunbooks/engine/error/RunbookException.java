package io.jenkins.plugins.dbrunbooks.engine.error;

/**
 * The one exception the engine throws for expected failures. Messages name the object in quotes, never hold a
 * secret, and come with a hint saying what to do next.
 */
public class RunbookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String hint;

    public RunbookException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public RunbookException(ErrorKind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public RunbookException(ErrorKind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint == null ? kind.defaultHint() : hint;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String hint() {
        return hint;
    }

    /** The message followed by its hint, as people should read it. */
    public String describe() {
        return getMessage() + System.lineSeparator() + "  " + hint;
    }
}
