package net.whoisd.storage.range;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ReverseDomain;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.range.RangeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link IpRangeIndex} per address class and family (reverse domains come in both), and the
 * rule that says which range an object covers. Each is bulk-loaded: adding many ranges one by one
 * to a copy-on-write index would cost a copy per range.
 */
public final class RangeIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(RangeIndexes.class);
    private static final ObjectType[] CLASSES = {ObjectType.INETNUM, ObjectType.INET6NUM, ObjectType.ROUTE, ObjectType.ROUTE6, ObjectType.DOMAIN};

    private final Map<ObjectType, IpRangeIndex[]> indexes = new EnumMap<>(ObjectType.class);

    private RangeIndexes() {
    }

    public static boolean indexed(ObjectType type) {
        return type.isAddressClass() || type == ObjectType.DOMAIN;
    }

    /** The range an object covers, if its class is indexed by range and its key parses. */
    public static Optional<IpRange> rangeOf(ObjectType type, RpslObject object) {
        return switch (type) {
            case INETNUM -> IpRange.parse(object.classValue()).filter(IpRange::isIpv4);
            case INET6NUM -> IpRange.parse(object.classValue()).filter(IpRange::ipv6);
            case ROUTE -> IpRange.parse(object.classValue()).filter(IpRange::isIpv4);
            case ROUTE6 -> IpRange.parse(object.classValue()).filter(IpRange::ipv6);
            case DOMAIN -> ReverseDomain.toRange(object.classValue());
            default -> Optional.empty();
        };
    }

    /** Indexes loaded in bulk from a range table; entries that partially overlap are left out and logged. */
    public static RangeIndexes load(RangeTable table) {
        RangeIndexes out = new RangeIndexes();
        for (ObjectType type : CLASSES) {
            out.indexes.put(type, new IpRangeIndex[] {bulk(type, table.columns(type, false), false), bulk(type, table.columns(type, true), true)});
        }
        return out;
    }

    private static IpRangeIndex bulk(ObjectType type, RangeTable.Columns c, boolean ipv6) {
        int count = c.count;
        long[][] cols = {c.startHi, c.startLo, c.endHi, c.endLo, c.ids};
        while (true) {
            try {
                return IpRangeIndex.bulkLoad(cols[0], cols[1], cols[2], cols[3], ipv6, cols[4], count);
            } catch (PartialOverlapException e) {
                // drop the entries with the offending range and try again (a store should never hold them)
                IpRange bad = e.existing();
                LOG.warn("{}: range {} partially overlaps another; left out of the range index", type, bad);
                int w = 0;
                for (int i = 0; i < count; i++) {
                    boolean drop = cols[0][i] == bad.startHi() && cols[1][i] == bad.startLo() && cols[2][i] == bad.endHi() && cols[3][i] == bad.endLo();
                    if (!drop) {
                        for (long[] col : cols) {
                            col[w] = col[i];
                        }
                        w++;
                    }
                }
                if (w == count) {
                    throw e;
                }
                count = w;
            }
        }
    }

    private static void addLogged(IpRangeIndex index, ObjectType type, IpRange range, long id) {
        try {
            index.add(range, id);
        } catch (PartialOverlapException e) {
            LOG.warn("{}: range {} (id {}) partially overlaps {}; left out of the range index", type, range, id, e.existing());
        }
    }

    private IpRangeIndex index(ObjectType type, IpRange range) {
        IpRangeIndex[] byFamily = indexes.get(type);
        return byFamily == null ? null : byFamily[range.ipv6() ? 1 : 0];
    }

    public long[] query(ObjectType type, IpRange range, RangeQuery relation) {
        IpRangeIndex index = index(type, range);
        return index == null ? new long[0] : index.query(range, relation);
    }

    /** The existing range that {@code range} would partially overlap, if any (checked before a commit). */
    public Optional<IpRange> partialOverlap(ObjectType type, IpRange range, PendingRanges pending) {
        IpRangeIndex index = index(type, range);
        if (index == null) {
            return Optional.empty();
        }
        for (IpRange edge : new IpRange[] {single(range, true), single(range, false)}) {
            for (long id : index.query(edge, RangeQuery.ALL_LESS)) {
                IpRange other = pending.rangeOf(id);
                if (other != null && other.overlapsPartially(range)) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }

    private static IpRange single(IpRange r, boolean start) {
        return start ? new IpRange(r.ipv6(), r.startHi(), r.startLo(), r.startHi(), r.startLo())
                : new IpRange(r.ipv6(), r.endHi(), r.endLo(), r.endHi(), r.endLo());
    }

    public void add(ObjectType type, IpRange range, long id) {
        addLogged(index(type, range), type, range, id);
    }

    public void remove(ObjectType type, IpRange range, long id) {
        index(type, range).remove(range, id);
    }

    /** Looks up the range of an indexed id (the store's range map). */
    public interface PendingRanges {
        IpRange rangeOf(long id);
    }
}
