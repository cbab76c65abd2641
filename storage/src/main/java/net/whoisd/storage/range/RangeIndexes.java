package net.whoisd.storage.range;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.store.RangeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@link IpRangeIndex} per address class, and the rule that says which range an object covers. */
public final class RangeIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(RangeIndexes.class);
    private static final ObjectType[] CLASSES = {ObjectType.INETNUM, ObjectType.INET6NUM, ObjectType.ROUTE, ObjectType.ROUTE6, ObjectType.DOMAIN};

    private final Map<ObjectType, IpRangeIndex> indexes = new EnumMap<>(ObjectType.class);

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
            case DOMAIN -> Optional.empty(); // replaced by ReverseDomain.toRange when the parser merges
            default -> Optional.empty();
        };
    }

    /** Indexes loaded in bulk from a range table; entries that partially overlap are left out and logged. */
    public static RangeIndexes load(RangeTable table) {
        RangeIndexes out = new RangeIndexes();
        for (ObjectType type : CLASSES) {
            IpRangeIndex index = bulk(type, table.columns(type, false), false);
            RangeTable.Columns v6 = table.columns(type, true);
            if (v6.count > 0) {
                if (index.size() == 0) {
                    index = bulk(type, v6, true);
                } else {
                    for (int i = 0; i < v6.count; i++) {
                        addLogged(index, type, new IpRange(true, v6.startHi[i], v6.startLo[i], v6.endHi[i], v6.endLo[i]), v6.ids[i]);
                    }
                }
            }
            out.indexes.put(type, index);
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

    public long[] query(ObjectType type, IpRange range, RangeQuery relation) {
        IpRangeIndex index = indexes.get(type);
        return index == null ? new long[0] : index.query(range, relation);
    }

    /** The existing range that {@code range} would partially overlap, if any (checked before a commit). */
    public Optional<IpRange> partialOverlap(ObjectType type, IpRange range, PendingRanges pending) {
        IpRangeIndex index = indexes.get(type);
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
        addLogged(indexes.get(type), type, range, id);
    }

    public void remove(ObjectType type, IpRange range, long id) {
        indexes.get(type).remove(range, id);
    }

    /** Looks up the range of an indexed id (the store's range map). */
    public interface PendingRanges {
        IpRange rangeOf(long id);
    }
}
