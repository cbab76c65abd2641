package net.whoisd.rpsl;

import java.util.List;

/**
 * A fixed map from names to their positions, probed with the name's cached hash in two flat arrays:
 * the validator looks up every attribute of every object, and a {@link java.util.HashMap} costs a
 * node and an {@code Integer} dereference per lookup.
 */
final class NameIndex {
    private final String[] keys;
    private final int[] positions;
    private final int mask;

    /** Position i for {@code names.get(i)}; the first occurrence wins if a name repeats. */
    NameIndex(List<String> names) {
        int size = Integer.highestOneBit(Math.max(4, names.size() * 4));
        keys = new String[size];
        positions = new int[size];
        mask = size - 1;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int slot = slot(name);
            while (keys[slot] != null && !keys[slot].equals(name)) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == null) {
                keys[slot] = name;
                positions[slot] = i;
            }
        }
    }

    private int slot(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    /** The position of the name, or -1. */
    int get(String name) {
        int slot = slot(name);
        String key;
        while ((key = keys[slot]) != null) {
            if (key == name || key.equals(name)) {
                return positions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }
}
