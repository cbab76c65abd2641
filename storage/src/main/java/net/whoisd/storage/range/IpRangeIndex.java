package net.whoisd.storage.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.whoisd.rpsl.IpRange;
import net.whoisd.storage.RangeQuery;

/**
 * An in-memory index of nested IP ranges answering RIPE's hierarchy relations (-x, -l, -L, -m, -M).
 *
 * <p>The ranges of one index form a forest: siblings are disjoint and sorted by start, so the one
 * sibling that can contain a query is found by binary search and every query costs
 * O(depth · log fanout + output). Nodes are immutable; a write copies the path from the root to
 * the changed level and publishes a new root with one volatile write, so readers never lock, never
 * wait for each other or the writer, and always see a whole state. Writers are serialised.
 *
 * <p>IPv4 and IPv6 ranges live in separate forests; a query only meets ranges of its own family.
 */
public final class IpRangeIndex {

    private static final Node[] NO_NODES = new Node[0];
    private static final long[] NO_IDS = new long[0];

    private record State(Node[] v4, Node[] v6, int size) {
        Node[] roots(boolean ipv6) {
            return ipv6 ? v6 : v4;
        }

        State with(boolean ipv6, Node[] roots, int newSize) {
            return ipv6 ? new State(v4, roots, newSize) : new State(roots, v6, newSize);
        }
    }

    private volatile State state;

    public IpRangeIndex() {
        this(new State(NO_NODES, NO_NODES, 0));
    }

    private IpRangeIndex(State state) {
        this.state = state;
    }

    /** Number of (range, id) entries. */
    public int size() {
        return state.size;
    }

    // ---------------------------------------------------------------- reads

    /**
     * The ids of the ranges in {@code relation} to {@code range}: enclosing ranges before enclosed
     * ones (pre-order for the "more specific" relations), ids ascending within one range.
     */
    public long[] query(IpRange range, RangeQuery relation) {
        Node[] level = state.roots(range.ipv6());
        Ids out = new Ids();
        Node lastContaining = null;
        Node exact = null;
        while (true) {
            int i = lastStartAtMost(level, range.startHi(), range.startLo());
            if (i < 0) {
                break;
            }
            Node n = level[i];
            if (!n.endsAtOrAfter(range.endHi(), range.endLo())) {
                break;
            }
            if (n.isSame(range)) {
                exact = n;
                if (relation == RangeQuery.ALL_LESS) {
                    out.add(n.ids);
                }
                break;
            }
            lastContaining = n;
            if (relation == RangeQuery.ALL_LESS) {
                out.add(n.ids);
            }
            level = n.children;
        }
        switch (relation) {
            case EXACT -> {
                if (exact != null) {
                    out.add(exact.ids);
                }
            }
            case ONE_LESS -> {
                if (lastContaining != null) {
                    out.add(lastContaining.ids);
                }
            }
            case EXACT_ELSE_ONE_LESS -> {
                Node found = exact != null ? exact : lastContaining;
                if (found != null) {
                    out.add(found.ids);
                }
            }
            case ALL_LESS -> { }
            case ONE_MORE, ALL_MORE -> {
                boolean all = relation == RangeQuery.ALL_MORE;
                if (exact != null) {
                    for (Node child : exact.children) {
                        emit(child, all, out);
                    }
                } else {
                    collectInside(level, range, all, out);
                }
            }
        }
        return out.toArray();
    }

    /**
     * The ranges of {@code level} inside {@code q}, descending into the at most two siblings at the
     * edges that overlap {@code q} only partly (their descendants may still lie inside it).
     */
    private static void collectInside(Node[] level, IpRange q, boolean all, Ids out) {
        int from = firstEndAtLeast(level, q.startHi(), q.startLo());
        int to = firstStartAfter(level, q.endHi(), q.endLo());
        for (int i = from; i < to; i++) {
            Node n = level[i];
            if (n.isInside(q)) {
                emit(n, all, out);
            } else {
                collectInside(n.children, q, all, out);
            }
        }
    }

    private static void emit(Node n, boolean subtree, Ids out) {
        out.add(n.ids);
        if (subtree) {
            for (Node child : n.children) {
                emit(child, true, out);
            }
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Adds {@code id} under {@code range}; adding an id already present changes nothing.
     *
     * @throws PartialOverlapException if the range overlaps an indexed one without nesting; the
     *     index is then unchanged
     */
    public synchronized void add(IpRange range, long id) {
        State s = state;
        Path path = new Path();
        Node[] level = s.roots(range.ipv6());
        while (true) {
            int i = lastStartAtMost(level, range.startHi(), range.startLo());
            if (i >= 0 && level[i].endsAtOrAfter(range.endHi(), range.endLo())) {
                Node n = level[i];
                if (n.isSame(range)) {
                    int at = Arrays.binarySearch(n.ids, id);
                    if (at >= 0) {
                        return;
                    }
                    long[] ids = new long[n.ids.length + 1];
                    int insert = -at - 1;
                    System.arraycopy(n.ids, 0, ids, 0, insert);
                    ids[insert] = id;
                    System.arraycopy(n.ids, insert, ids, insert + 1, n.ids.length - insert);
                    Node[] copy = level.clone();
                    copy[i] = n.withIds(ids);
                    state = s.with(range.ipv6(), path.rebuild(copy), s.size + 1);
                    return;
                }
                path.push(level, i);
                level = n.children;
                continue;
            }
            break;
        }
        int from = firstEndAtLeast(level, range.startHi(), range.startLo());
        int to = firstStartAfter(level, range.endHi(), range.endLo());
        for (int i = from; i < to; i++) {
            if (!level[i].isInside(range)) {
                throw new PartialOverlapException(range, level[i].range(range.ipv6()));
            }
        }
        Node created = new Node(range.startHi(), range.startLo(), range.endHi(), range.endLo(),
                new long[] {id}, from == to ? NO_NODES : Arrays.copyOfRange(level, from, to));
        Node[] replaced = new Node[level.length - (to - from) + 1];
        System.arraycopy(level, 0, replaced, 0, from);
        replaced[from] = created;
        System.arraycopy(level, to, replaced, from + 1, level.length - to);
        state = s.with(range.ipv6(), path.rebuild(replaced), s.size + 1);
    }

    /** Removes {@code id} from {@code range}; a range left without ids gives its children to its parent. */
    public synchronized boolean remove(IpRange range, long id) {
        State s = state;
        Path path = new Path();
        Node[] level = s.roots(range.ipv6());
        while (true) {
            int i = lastStartAtMost(level, range.startHi(), range.startLo());
            if (i < 0 || !level[i].endsAtOrAfter(range.endHi(), range.endLo())) {
                return false;
            }
            Node n = level[i];
            if (!n.isSame(range)) {
                path.push(level, i);
                level = n.children;
                continue;
            }
            int at = Arrays.binarySearch(n.ids, id);
            if (at < 0) {
                return false;
            }
            Node[] replaced;
            if (n.ids.length > 1) {
                long[] ids = new long[n.ids.length - 1];
                System.arraycopy(n.ids, 0, ids, 0, at);
                System.arraycopy(n.ids, at + 1, ids, at, ids.length - at);
                replaced = level.clone();
                replaced[i] = n.withIds(ids);
            } else {
                replaced = new Node[level.length - 1 + n.children.length];
                System.arraycopy(level, 0, replaced, 0, i);
                System.arraycopy(n.children, 0, replaced, i, n.children.length);
                System.arraycopy(level, i + 1, replaced, i + n.children.length, level.length - i - 1);
            }
            state = s.with(range.ipv6(), path.rebuild(replaced), s.size - 1);
            return true;
        }
    }

    /** The levels descended through by a write, so the changed level can be re-linked to new roots. */
    private static final class Path {
        private Node[][] levels = new Node[16][];
        private int[] indexes = new int[16];
        private int depth;

        void push(Node[] level, int index) {
            if (depth == levels.length) {
                levels = Arrays.copyOf(levels, depth * 2);
                indexes = Arrays.copyOf(indexes, depth * 2);
            }
            levels[depth] = level;
            indexes[depth++] = index;
        }

        Node[] rebuild(Node[] changed) {
            Node[] current = changed;
            for (int d = depth - 1; d >= 0; d--) {
                Node[] copy = levels[d].clone();
                copy[indexes[d]] = copy[indexes[d]].withChildren(current);
                current = copy;
            }
            return current;
        }
    }

    // ---------------------------------------------------------------- bulk load

    /**
     * Builds an index from parallel arrays (entries {@code 0..count-1}, all of one family) in
     * O(n log n): sort by start ascending and end descending, then attach each range to the
     * innermost open range on a stack.
     *
     * @throws PartialOverlapException if two ranges overlap without nesting
     */
    public static IpRangeIndex bulkLoad(long[] startHi, long[] startLo, long[] endHi, long[] endLo,
                                        boolean ipv6, long[] ids, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
            new IpRange(ipv6, startHi[i], startLo[i], endHi[i], endLo[i]);   // validates family and order
        }
        BulkOrder.sort(order, startHi, startLo, endHi, endLo, ids);

        List<Node> roots = new ArrayList<>();
        Builder[] stack = new Builder[64];
        int top = -1;
        int entries = 0;
        for (int k = 0; k < count; k++) {
            int e = order[k];
            long sHi = startHi[e];
            long sLo = startLo[e];
            long eHi = endHi[e];
            long eLo = endLo[e];
            Builder open = top >= 0 ? stack[top] : null;
            if (open != null && open.sHi == sHi && open.sLo == sLo && open.eHi == eHi && open.eLo == eLo) {
                if (open.addId(ids[e])) {
                    entries++;
                }
                continue;
            }
            while (top >= 0 && IpRange.compare128(stack[top].eHi, stack[top].eLo, sHi, sLo) < 0) {
                Node done = stack[top].build();
                stack[top--] = null;
                (top >= 0 ? stack[top].children : roots).add(done);
            }
            if (top >= 0 && IpRange.compare128(stack[top].eHi, stack[top].eLo, eHi, eLo) < 0) {
                throw new PartialOverlapException(new IpRange(ipv6, sHi, sLo, eHi, eLo), stack[top].range(ipv6));
            }
            if (++top == stack.length) {
                stack = Arrays.copyOf(stack, top * 2);
            }
            stack[top] = new Builder(sHi, sLo, eHi, eLo, ids[e]);
            entries++;
        }
        while (top >= 0) {
            Node done = stack[top].build();
            stack[top--] = null;
            (top >= 0 ? stack[top].children : roots).add(done);
        }
        Node[] forest = roots.toArray(NO_NODES);
        return new IpRangeIndex(ipv6 ? new State(NO_NODES, forest, entries) : new State(forest, NO_NODES, entries));
    }

    private static final class Builder {
        final long sHi;
        final long sLo;
        final long eHi;
        final long eLo;
        long[] ids;
        int idCount;
        final List<Node> children = new ArrayList<>(0);

        Builder(long sHi, long sLo, long eHi, long eLo, long id) {
            this.sHi = sHi;
            this.sLo = sLo;
            this.eHi = eHi;
            this.eLo = eLo;
            this.ids = new long[] {id};
            this.idCount = 1;
        }

        /** Ids arrive ascending (the sort's last key); false for a repeated one. */
        boolean addId(long id) {
            if (ids[idCount - 1] == id) {
                return false;
            }
            if (idCount == ids.length) {
                ids = Arrays.copyOf(ids, idCount * 2);
            }
            ids[idCount++] = id;
            return true;
        }

        IpRange range(boolean ipv6) {
            return new IpRange(ipv6, sHi, sLo, eHi, eLo);
        }

        Node build() {
            return new Node(sHi, sLo, eHi, eLo, idCount == ids.length ? ids : Arrays.copyOf(ids, idCount),
                    children.isEmpty() ? NO_NODES : children.toArray(NO_NODES));
        }
    }

    // ---------------------------------------------------------------- searching one level

    /** Index of the last node starting at or before the address, or -1. */
    private static int lastStartAtMost(Node[] level, long hi, long lo) {
        int low = 0;
        int high = level.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Node n = level[mid];
            if (IpRange.compare128(n.sHi, n.sLo, hi, lo) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high;
    }

    /** Index of the first node ending at or after the address (siblings are disjoint, so ends ascend). */
    private static int firstEndAtLeast(Node[] level, long hi, long lo) {
        int low = 0;
        int high = level.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            Node n = level[mid];
            if (IpRange.compare128(n.eHi, n.eLo, hi, lo) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Index of the first node starting after the address. */
    private static int firstStartAfter(Node[] level, long hi, long lo) {
        return lastStartAtMost(level, hi, lo) + 1;
    }

    // ---------------------------------------------------------------- nodes

    /** One indexed range with its ids (ascending) and its disjoint children (sorted by start). */
    private static final class Node {
        final long sHi;
        final long sLo;
        final long eHi;
        final long eLo;
        final long[] ids;
        final Node[] children;

        Node(long sHi, long sLo, long eHi, long eLo, long[] ids, Node[] children) {
            this.sHi = sHi;
            this.sLo = sLo;
            this.eHi = eHi;
            this.eLo = eLo;
            this.ids = ids;
            this.children = children;
        }

        Node withIds(long[] newIds) {
            return new Node(sHi, sLo, eHi, eLo, newIds, children);
        }

        Node withChildren(Node[] newChildren) {
            return new Node(sHi, sLo, eHi, eLo, ids, newChildren.length == 0 ? NO_NODES : newChildren);
        }

        boolean endsAtOrAfter(long hi, long lo) {
            return IpRange.compare128(eHi, eLo, hi, lo) >= 0;
        }

        boolean isSame(IpRange r) {
            return sHi == r.startHi() && sLo == r.startLo() && eHi == r.endHi() && eLo == r.endLo();
        }

        boolean isInside(IpRange r) {
            return IpRange.compare128(r.startHi(), r.startLo(), sHi, sLo) <= 0
                    && IpRange.compare128(eHi, eLo, r.endHi(), r.endLo()) <= 0;
        }

        IpRange range(boolean ipv6) {
            return new IpRange(ipv6, sHi, sLo, eHi, eLo);
        }
    }

    /** A growable list of ids. */
    private static final class Ids {
        private long[] values = NO_IDS;
        private int count;

        void add(long[] ids) {
            if (count + ids.length > values.length) {
                values = Arrays.copyOf(values, Math.max(8, Math.max(count + ids.length, values.length * 2)));
            }
            System.arraycopy(ids, 0, values, count, ids.length);
            count += ids.length;
        }

        long[] toArray() {
            return count == values.length ? values : Arrays.copyOf(values, count);
        }
    }
}
