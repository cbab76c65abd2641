package net.whoisd.storage.store;

import java.util.Arrays;
import java.util.List;

/**
 * A store key with its id and history, as the bulk build collects them before sorting. Sorting a
 * million keys by {@link String#compareTo} is dominated by cache misses on the strings, so each entry
 * carries its first characters packed into a long: most comparisons end there.
 */
final class KeyEntry implements Comparable<KeyEntry> {
    /** Key characters packed into the prefix after the class, 7 bits each. */
    private static final int PACKED_CHARS = 8;

    final String key;
    final long id;
    final byte[] versions;
    private final long prefix;

    KeyEntry(String key, long id, byte[] versions) {
        this.key = key;
        this.id = id;
        this.versions = versions;
        this.prefix = prefix(key);
    }

    /** The entries in store-key order (the order of {@link String#compareTo}). */
    static KeyEntry[] sorted(List<KeyEntry> entries) {
        KeyEntry[] out = entries.toArray(new KeyEntry[0]);
        Arrays.sort(out);
        return out;
    }

    @Override
    public int compareTo(KeyEntry other) {
        int c = Long.compare(prefix, other.prefix);
        return c != 0 ? c : key.compareTo(other.key);
    }

    /**
     * A value whose order agrees with the keys' order wherever two prefixes differ: the class
     * number (two digits, 7 bits), then the next characters at 7 bits each. Packing stops at the first
     * character that does not fit in 7 bits (the rest stays zero), so two keys that differ only
     * from there on get equal prefixes and are compared in full.
     */
    static long prefix(String key) {
        long p;
        int from;
        if (key.length() >= 3 && isDigit(key.charAt(0)) && isDigit(key.charAt(1)) && key.charAt(2) == ':') {
            p = (key.charAt(0) - '0') * 10L + (key.charAt(1) - '0');
            from = 3;
        } else {
            throw new IllegalArgumentException("not a store key: " + key);
        }
        int packed = 0;
        boolean stopped = false;
        for (int i = from; packed < PACKED_CHARS; i++, packed++) {
            int c = 0;
            if (!stopped && i < key.length()) {
                c = key.charAt(i);
                if (c >= 127) {
                    c = 127;
                    stopped = true;
                }
            } else {
                stopped = true;
            }
            p = (p << 7) | c;
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
