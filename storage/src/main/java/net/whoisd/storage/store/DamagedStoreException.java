package net.whoisd.storage.store;

import net.whoisd.storage.StorageException;

/** The MapDB store cannot be used as it is (missing, unreadable, too slow to open): rebuild it. */
public final class DamagedStoreException extends StorageException {
    public DamagedStoreException(String message) {
        super(message);
    }
}
