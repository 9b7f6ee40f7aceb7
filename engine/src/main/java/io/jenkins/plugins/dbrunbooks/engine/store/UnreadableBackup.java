package io.jenkins.plugins.dbrunbooks.engine.store;

import java.io.Serializable;

/**
 * A manifest in a store that this run cannot take as a backup (not JSON, a newer format, a payload missing or
 * outside the store...). It is listed with the reason rather than hidden, and nothing deletes it on its own.
 *
 * @param id the id its file name carries; the manifest itself could not be trusted for it
 * @param location the manifest file, as the store names it
 */
public record UnreadableBackup(String id, String location, String reason) implements Serializable {
}
