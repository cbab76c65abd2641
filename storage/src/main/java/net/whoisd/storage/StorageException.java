package net.whoisd.storage;

/** A storage failure: the operation did not happen (a commit that throws was not applied). */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
