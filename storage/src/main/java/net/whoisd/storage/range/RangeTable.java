package net.whoisd.storage.range;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;

/**
 * The ranges of address objects as columns per class and family, gathered from the store at start-up
 * (or during an import) to bulk-load the range indexes. A stored range is
 * {@code {class ordinal, ipv6 ? 1 : 0, startHi, startLo, endHi, endLo}}.
 */
public final class RangeTable {

    /** One growable set of columns. */
    public static final class Columns {
        public long[] startHi = new long[16];
        public long[] startLo = new long[16];
        public long[] endHi = new long[16];
        public long[] endLo = new long[16];
        public long[] ids = new long[16];
        public int count;

        void add(long id, long[] r) {
            if (count == ids.length) {
                int n = count * 2;
                startHi = Arrays.copyOf(startHi, n);
                startLo = Arrays.copyOf(startLo, n);
                endHi = Arrays.copyOf(endHi, n);
                endLo = Arrays.copyOf(endLo, n);
                ids = Arrays.copyOf(ids, n);
            }
            startHi[count] = r[2];
            startLo[count] = r[3];
            endHi[count] = r[4];
            endLo[count] = r[5];
            ids[count] = id;
            count++;
        }
    }

    private final Map<ObjectType, Columns[]> columns = new EnumMap<>(ObjectType.class);

    public static long[] encode(ObjectType type, IpRange range) {
        return new long[] {type.ordinal(), range.ipv6() ? 1 : 0, range.startHi(), range.startLo(), range.endHi(), range.endLo()};
    }

    public static ObjectType type(long[] stored) {
        return ObjectType.values()[(int) stored[0]];
    }

    public static IpRange decode(long[] stored) {
        return new IpRange(stored[1] == 1, stored[2], stored[3], stored[4], stored[5]);
    }

    public void add(long id, long[] stored) {
        Columns[] byFamily = columns.computeIfAbsent(type(stored), t -> new Columns[] {new Columns(), new Columns()});
        byFamily[(int) stored[1]].add(id, stored);
    }

    /** The columns of one class and family (empty if none were added). */
    public Columns columns(ObjectType type, boolean ipv6) {
        Columns[] byFamily = columns.get(type);
        return byFamily == null ? new Columns() : byFamily[ipv6 ? 1 : 0];
    }
}
