package net.whoisd.rpsl;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Canonical (lower-case, interned) attribute names, so that parsing allocates no name strings. */
final class AttributeNames {
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 4096;
    private static final int TABLE_SIZE = 1024;
    /** Open-addressing table of every template name, probed with a slice of a line (no allocation). */
    private static final String[] TABLE = new String[TABLE_SIZE];

    static {
        for (ObjectType type : ObjectType.values()) {
            for (AttributeTemplate a : ObjectTemplate.of(type).attributes()) {
                put(a.name());
            }
        }
        for (String extra : new String[] {"changed", "members", "mp-members", "author", "ping-hdl", "password", "override", "delete"}) {
            put(extra);
        }
    }

    private AttributeNames() {
    }

    private static void put(String name) {
        int slot = hash(name, 0, name.length()) & (TABLE_SIZE - 1);
        while (TABLE[slot] != null) {
            if (TABLE[slot].equals(name)) {
                return;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        TABLE[slot] = name;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 7);
    }

    /** The canonical name of {@code line[0, end)}, allocating only for names no template has. */
    static String canonical(String line, int end) {
        int slot = hash(line, 0, end) & (TABLE_SIZE - 1);
        String known;
        while ((known = TABLE[slot]) != null) {
            if (known.length() == end && line.regionMatches(true, 0, known, 0, end)) {
                return known;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return canonical(line.substring(0, end));
    }

    /** The canonical name of the ASCII bytes {@code b[from, to)}, allocating only for names no template has. */
    static String canonical(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            h = 31 * h + c;
        }
        int slot = (h ^ (h >>> 7)) & (TABLE_SIZE - 1);
        int len = to - from;
        String known;
        while ((known = TABLE[slot]) != null) {
            if (known.length() == len && sameIgnoringCase(known, b, from)) {
                return known;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return canonical(new String(b, from, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static boolean sameIgnoringCase(String lower, byte[] b, int from) {
        for (int i = 0; i < lower.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
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
