package net.whoisd.server.query;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;

/**
 * The forms of a plain search key that the index holds keys in besides the key as typed: the key
 * normalised for a class as an import normalises that class's keys ({@link ObjectKey#normalise}),
 * {@code as03255} as {@code AS3255}, {@code example.net.} as {@code example.net}. The index matches
 * case-insensitively, so only classes whose keys have more of a canonical form than upper case can
 * give another form, and only a key not already in that form costs a second lookup. Address classes
 * are left out: a key that is an address or prefix is searched by range, and a plain key reaches
 * them only as a netname.
 */
final class NormalisedKeys {
    private static final Set<ObjectType> ADDRESS_CLASSES = EnumSet.of(ObjectType.INETNUM, ObjectType.INET6NUM, ObjectType.ROUTE,
            ObjectType.ROUTE6);

    private NormalisedKeys() {
    }

    /** Each normalised form that differs from {@code key} (ignoring case), with the classes it is for. */
    static Map<String, Set<ObjectType>> of(String key, Set<ObjectType> classes) {
        Map<String, Set<ObjectType>> out = Map.of();
        for (ObjectType type : classes) {
            if (!ObjectKey.hasCanonicalForm(type) || ADDRESS_CLASSES.contains(type)) {
                continue;
            }
            String normalised = ObjectKey.normalise(type, key);
            if (!normalised.equalsIgnoreCase(key)) {
                if (out.isEmpty()) {
                    out = new LinkedHashMap<>();
                }
                out.computeIfAbsent(normalised, k -> EnumSet.noneOf(ObjectType.class)).add(type);
            }
        }
        return out;
    }
}
