package net.whoisd.rpsl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    /** Every name in {@link #TABLE}, probed eight bytes at a time ({@link #known}). */
    private static final int WORD_TABLE_SIZE = 1024;
    private static final String[] WORD_NAMES = new String[WORD_TABLE_SIZE];
    private static final long[][] WORD_KEYS = new long[WORD_TABLE_SIZE][];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        TABLE_BYTES[slot] = bytes;
        long[] key = new long[(bytes.length + 7) >>> 3];
        for (int i = 0; i < key.length; i++) {
            key[i] = word(bytes, i * 8, Math.min(8, bytes.length - i * 8));
        }
        int wordSlot = wordHash(key, bytes.length) & (WORD_TABLE_SIZE - 1);
        while (WORD_NAMES[wordSlot] != null) {
            wordSlot = (wordSlot + 1) & (WORD_TABLE_SIZE - 1);
        }
        WORD_NAMES[wordSlot] = name;
        WORD_KEYS[wordSlot] = key;
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

    /**
     * The canonical name if the bytes {@code b[from, to)} spell a template attribute name in any case,
     * else null (the caller then checks the bytes and uses {@link #canonical(byte[], int, int)}). The
     * bytes must hold no control characters: names are compared eight bytes at a time with every byte
     * OR 0x20, which folds A-Z to a-z and maps no other printable byte onto a letter, digit or '-'.
     */
    static String known(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 24) {
            return null;
        }
        long w0 = word(b, from, Math.min(8, len));
        long w1 = len > 8 ? word(b, from + 8, Math.min(8, len - 8)) : 0;
        long w2 = len > 16 ? word(b, from + 16, len - 16) : 0;
        int words = (len + 7) >>> 3;
        long h = mix(mix(mix(len, w0), w1), w2);
        int slot = (int) (h ^ (h >>> 32)) & (WORD_TABLE_SIZE - 1);
        long[] key;
        while ((key = WORD_KEYS[slot]) != null) {
            if (key.length == words && key[0] == w0 && (words < 2 || key[1] == w1) && (words < 3 || key[2] == w2)
                    && WORD_NAMES[slot].length() == len) {
                return WORD_NAMES[slot];
            }
            slot = (slot + 1) & (WORD_TABLE_SIZE - 1);
        }
        return null;
    }

    private static int wordHash(long[] key, int len) {
        long h = mix(mix(mix(len, key[0]), key.length > 1 ? key[1] : 0), key.length > 2 ? key[2] : 0);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long h, long w) {
        return (h ^ w) * 0x9E3779B97F4A7C15L;
    }

    /** {@code len} (1..8) bytes from {@code at}, little-endian, each OR 0x20, the bytes beyond {@code len} zero. */
    private static long word(byte[] b, int at, int len) {
        long x;
        if (at + 8 <= b.length) {
            x = (long) LONGS.get(b, at);
        } else {
            x = 0;
            for (int i = len - 1; i >= 0; i--) {
                x = (x << 8) | (b[at + i] & 0xFF);
            }
        }
        x |= 0x2020202020202020L;
        return len == 8 ? x : x & ((1L << (len * 8)) - 1);
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
