package net.whoisd.rpsl;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Canonical (lower-case, interned) attribute names, so that parsing allocates no name strings. */
final class AttributeNames {
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 4096;
    private static final int TABLE_SIZE = 1024;
    /** Open-addressing table of every template name, probed with a slice of a line (no allocation). */
    private static final String[] TABLE = new String[TABLE_SIZE];
    /** The Latin-1 bytes of each name in {@link #TABLE}, for comparing with a line's bytes. */
    private static final byte[][] TABLE_BYTES = new byte[TABLE_SIZE][];
    private static final boolean[] NAME_BYTE = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            NAME_BYTE[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }
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
        TABLE_BYTES[slot] = name.getBytes(StandardCharsets.ISO_8859_1);
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
            h = 31 * h + lower(b[i]);
        }
        return canonical(b, from, to, h);
    }

    /**
     * As {@link #canonical(byte[], int, int)}, with {@code h} the hash the caller computed while
     * scanning the name: {@code h = 31 * h + lower(byte)} over the bytes.
     */
    static String canonical(byte[] b, int from, int to, int h) {
        int slot = (h ^ (h >>> 7)) & (TABLE_SIZE - 1);
        int len = to - from;
        String known;
        while ((known = TABLE[slot]) != null) {
            byte[] bytes = TABLE_BYTES[slot];
            if (bytes.length == len && sameIgnoringCase(bytes, b, from)) {
                return known;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return canonical(new String(b, from, len, StandardCharsets.ISO_8859_1));
    }

    /** True for the bytes of an attribute name: ASCII letters, digits, {@code -} and {@code _}. */
    static boolean isNameByte(byte b) {
        return b >= 0 && NAME_BYTE[b];
    }

    /** An ASCII byte lower-cased (A-Z only). */
    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static boolean sameIgnoringCase(byte[] lower, byte[] b, int from) {
        for (int i = 0; i < lower.length; i++) {
            if (lower(b[from + i]) != lower[i]) {
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
