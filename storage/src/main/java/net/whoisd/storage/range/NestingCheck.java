package net.whoisd.storage.range;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.storage.range.RangeTable;

/**
 * Checks ranges one by one against the rule of the range index (the ranges of one class and family
 * nest or are disjoint), so that an import can reject the object whose range partially overlaps a
 * range accepted before it. Each check costs O(log n + depth): the accepted ranges are kept in start
 * order (end descending for equal starts) with a pointer to the innermost range enclosing each.
 */
public final class NestingCheck {
    private final Map<ObjectType, TreeSet<Node>[]> sets = new EnumMap<>(ObjectType.class);

    /** A check that starts from the ranges of a store (an import into a non-empty one). */
    public static NestingCheck of(RangeTable table) {
        NestingCheck check = new NestingCheck();
        for (ObjectType type : ObjectType.values()) {
            if (!RangeIndexes.indexed(type)) {
                continue;
            }
            for (boolean ipv6 : new boolean[] {false, true}) {
                RangeTable.Columns c = table.columns(type, ipv6);
                for (int i = 0; i < c.count; i++) {
                    check.add(type, new IpRange(ipv6, c.startHi[i], c.startLo[i], c.endHi[i], c.endLo[i]));
                }
            }
        }
        return check;
    }

    /** One accepted range and the innermost accepted range that encloses it. */
    private static final class Node implements Comparable<Node> {
        final long sHi;
        final long sLo;
        final long eHi;
        final long eLo;
        Node parent;

        Node(long sHi, long sLo, long eHi, long eLo) {
            this.sHi = sHi;
            this.sLo = sLo;
            this.eHi = eHi;
            this.eLo = eLo;
        }

        @Override
        public int compareTo(Node o) {
            int c = compare(sHi, sLo, o.sHi, o.sLo);
            return c != 0 ? c : compare(o.eHi, o.eLo, eHi, eLo);
        }

        IpRange range(boolean ipv6) {
            return new IpRange(ipv6, sHi, sLo, eHi, eLo);
        }
    }

    /**
     * Records the range if it nests with every range recorded so far for its class and family;
     * otherwise records nothing and returns a recorded range it partially overlaps.
     */
    public Optional<IpRange> add(ObjectType type, IpRange range) {
        @SuppressWarnings("unchecked")
        TreeSet<Node>[] byFamily = sets.computeIfAbsent(type, t -> new TreeSet[] {new TreeSet<Node>(), new TreeSet<Node>()});
        TreeSet<Node> set = byFamily[range.ipv6() ? 1 : 0];
        Node added = new Node(range.startHi(), range.startLo(), range.endHi(), range.endLo());
        if (set.contains(added)) {
            return Optional.empty(); // the same range again (route objects with different origins)
        }
        // a range that starts before ours, encloses our start and ends inside ours
        Node before = innermost(set, added.sHi, added.sLo);
        if (before != null && compare(before.eHi, before.eLo, added.eHi, added.eLo) < 0) {
            return Optional.of(before.range(range.ipv6()));
        }
        // a range that starts inside ours and ends after it: the innermost one holding end + 1
        boolean endIsLast = added.eHi == -1L && added.eLo == -1L || !range.ipv6() && added.eHi == 0 && added.eLo == 0xFFFFFFFFL;
        if (!endIsLast) {
            long nextLo = added.eLo + 1;
            long nextHi = nextLo == 0 ? added.eHi + 1 : added.eHi;
            Node after = innermost(set, nextHi, nextLo);
            if (after != null && compare(after.sHi, after.sLo, added.sHi, added.sLo) > 0) {
                return Optional.of(after.range(range.ipv6()));
            }
        }
        Node parent = set.lower(added);
        while (parent != null && compare(parent.eHi, parent.eLo, added.eHi, added.eLo) < 0) {
            parent = parent.parent;
        }
        added.parent = parent;
        // ranges recorded earlier that ours now encloses directly
        for (Node inside : set.tailSet(added, false)) {
            if (compare(inside.sHi, inside.sLo, added.eHi, added.eLo) > 0) {
                break;
            }
            if (inside.parent == parent) {
                inside.parent = added;
            }
        }
        set.add(added);
        return Optional.empty();
    }

    /** The innermost recorded range that starts before the address and holds it, or null. */
    private static Node innermost(TreeSet<Node> set, long hi, long lo) {
        Node n = set.lower(new Node(hi, lo, -1L, -1L));
        while (n != null && compare(n.eHi, n.eLo, hi, lo) < 0) {
            n = n.parent;
        }
        return n;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
