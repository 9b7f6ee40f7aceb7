package io.jenkins.plugins.dbrunbooks.engine.maintenance;

/**
 * Keeps the application's own users from changing a database during maintenance. Applying returns the record
 * that reverts it; applying twice or reverting twice is harmless. A lock applied over one that is already in
 * place records the locked setting as its previous value, so nested locks must be reverted in reverse order:
 * reverting the inner one leaves the outer one in force.
 */
public interface DatabaseLock {

    /** The engine name, as in backup manifests. */
    String engine();

    /** Whether this engine can apply that kind of lock; {@link LockKind#NONE} is always supported. */
    boolean supports(LockKind kind);

    LockRecord apply(LockKind kind);

    /** Restores what the record says was there before; a database that no longer exists is left alone. */
    void revert(LockRecord record);
}
