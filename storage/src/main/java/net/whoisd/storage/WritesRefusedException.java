package net.whoisd.storage;

/**
 * A commit refused because the database cannot take changes at the moment (its disk is full, or
 * a failed write left it needing a restart). Nothing was changed; queries are still answered.
 */
public final class WritesRefusedException extends StorageException {
    public WritesRefusedException(String reason) {
        super("the database cannot take changes now: " + reason);
    }
}
