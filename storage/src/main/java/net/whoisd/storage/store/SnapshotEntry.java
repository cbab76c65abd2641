package net.whoisd.storage.store;

/**
 * One object key's state in a snapshot.
 *
 * @param storeKey the key as the store orders it ({@link StoreKeys})
 * @param id       the live object's id, or -1 if the object is deleted (its history is kept)
 * @param text     the live object's text, or null
 * @param history  the encoded version list ({@link Versions})
 */
public record SnapshotEntry(String storeKey, long id, String text, byte[] history) {
}
