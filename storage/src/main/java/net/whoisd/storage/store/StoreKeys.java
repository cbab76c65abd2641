package net.whoisd.storage.store;

import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;

/**
 * The string form of an {@link ObjectKey} in the store: two digits of the class's position in
 * {@link ObjectType} (so that a scan visits classes in that order), a colon, the normalised key.
 */
public final class StoreKeys {
    private StoreKeys() {
    }

    public static String of(ObjectKey key) {
        return of(key.type(), key.key());
    }

    public static String of(ObjectType type, String normalisedKey) {
        int o = type.ordinal();
        return new StringBuilder(normalisedKey.length() + 3).append((char) ('0' + o / 10)).append((char) ('0' + o % 10))
                .append(':').append(normalisedKey).toString();
    }

    public static ObjectKey parse(String storeKey) {
        int ordinal = (storeKey.charAt(0) - '0') * 10 + (storeKey.charAt(1) - '0');
        return new ObjectKey(ObjectType.values()[ordinal], storeKey.substring(3));
    }

    /** The first store key of a class (for range scans). */
    public static String classPrefix(ObjectType type) {
        return of(type, "");
    }
}
