package net.whoisd.rpsl;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that nobody else holds: the lexer's attributes become an
 * object's list without the copy {@link java.util.List#copyOf} would make.
 */
final class AttributeList extends AbstractList<RpslAttribute> implements RandomAccess {
    private final RpslAttribute[] attributes;
    private final int size;

    /** @param attributes the first {@code size} entries are non-null and never changed afterwards */
    AttributeList(RpslAttribute[] attributes, int size) {
        this.attributes = attributes;
        this.size = size;
    }

    @Override
    public RpslAttribute get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return attributes[index];
    }

    @Override
    public int size() {
        return size;
    }
}
