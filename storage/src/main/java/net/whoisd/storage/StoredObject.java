package net.whoisd.storage;

import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;

/**
 * An object as the database holds it.
 *
 * @param id     internal id, stable for the life of the object (a re-created object gets a new one)
 * @param key    class and normalised primary key
 * @param object the current version, including {@code created}/{@code last-modified}
 */
public record StoredObject(long id, ObjectKey key, RpslObject object) {
}
