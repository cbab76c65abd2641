package net.whoisd.storage;

import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;

/**
 * One object change inside a commit. For {@code DELETE} the object is the version being deleted.
 * The object is stored exactly as given: callers (the update engine) set {@code created} and
 * {@code last-modified}; imports keep the dump's values.
 */
public record Change(Operation operation, RpslObject object) {

    public ObjectKey key() {
        return ObjectKey.of(object);
    }

    public static Change create(RpslObject object) {
        return new Change(Operation.CREATE, object);
    }

    public static Change modify(RpslObject object) {
        return new Change(Operation.MODIFY, object);
    }

    public static Change delete(RpslObject object) {
        return new Change(Operation.DELETE, object);
    }
}
