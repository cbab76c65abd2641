package net.whoisd.rpsl;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Canonical (lower-case, interned) attribute names, so that parsing allocates no name strings. */
final class AttributeNames {
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 4096;

    private AttributeNames() {
    }

    static String canonical(String name) {
        String known = CANONICAL.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (CANONICAL.size() < MAX_CACHED) {
            String prior = CANONICAL.putIfAbsent(name, lower);
            CANONICAL.putIfAbsent(lower, lower);
            return prior != null ? prior : lower;
        }
        return lower;
    }
}
