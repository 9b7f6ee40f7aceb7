package io.jenkins.plugins.dbrunbooks.engine.method;

/**
 * What a method can do beyond backup and restore; callers ask these instead of testing for a type.
 *
 * @param swapRestore a restore into the configured database goes to a fresh database first and is swapped in
 *     by renaming, so a failed restore leaves the target as it was
 * @param nativeListing the method can list a payload's contents with the database's own tool
 * @param stagesPayload the method reads the whole payload before it loads anything in place, so the payload's
 *     checksum can be checked in the same pass instead of a pass of its own beforehand; loading into a database of
 *     its own, it gets the payload streamed and may load while it reads
 */
public record Capabilities(boolean swapRestore, boolean nativeListing, boolean stagesPayload) {
}
