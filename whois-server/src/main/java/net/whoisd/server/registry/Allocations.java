package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;

/** Reads about LIR allocations and what lies inside them. */
final class Allocations {
    static final Set<String> ALLOCATION_STATUS = Set.of("ALLOCATED PA", "ALLOCATED-ASSIGNED PA", "ALLOCATED-BY-RIR");
    static final Set<ObjectType> ADDRESS = Set.of(ObjectType.INETNUM, ObjectType.INET6NUM);

    private final RegistryContext ctx;

    Allocations(RegistryContext ctx) {
        this.ctx = ctx;
    }

    static String status(RpslObject o) {
        String s = o.value("status");
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }

    static boolean isAllocation(RpslObject o) {
        return ALLOCATION_STATUS.contains(status(o));
    }

    static IpRange range(RpslObject o) {
        return IpRange.parse(o.classValue()).orElseThrow(() -> new IllegalStateException("stored object without range: " + o.classValue()));
    }

    static ObjectType type(IpRange range) {
        return range.isIpv4() ? ObjectType.INETNUM : ObjectType.INET6NUM;
    }

    /** The outermost allocations whose maintainers include the LIR's, in range order. */
    List<RpslObject> heldBy(String mntner) {
        Map<Long, StoredObject> found = new LinkedHashMap<>();
        for (String attribute : List.of("mnt-lower", "mnt-by")) {
            for (StoredObject s : ctx.db().inverse(attribute, mntner, ADDRESS)) {
                if (isAllocation(s.object()) && !ctx.isRegistryMntner(mntner)) {
                    found.putIfAbsent(s.id(), s);
                }
            }
        }
        List<RpslObject> all = new ArrayList<>(found.values().stream().map(StoredObject::object).toList());
        all.sort((a, b) -> range(a).compareTo(range(b)));
        List<RpslObject> outermost = new ArrayList<>();
        for (RpslObject o : all) {
            if (outermost.isEmpty() || !range(outermost.get(outermost.size() - 1)).contains(range(o))) {
                outermost.add(o);
            }
        }
        return outermost;
    }

    /** The LIR maintainers of an allocation: those in mnt-lower (else mnt-by) that are not the registry's. */
    Set<String> lirMaintainers(RpslObject allocation) {
        Set<String> out = new LinkedHashSet<>();
        for (String attribute : List.of("mnt-lower", "mnt-by")) {
            for (String m : allocation.values(attribute)) {
                if (!ctx.isRegistryMntner(m)) {
                    out.add(m.toUpperCase(Locale.ROOT));
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** The allocation with exactly this range, if there is one. */
    Optional<RpslObject> allocation(IpRange range) {
        return ctx.db().ranges(type(range), range, RangeQuery.EXACT).stream().map(StoredObject::object)
                .filter(Allocations::isAllocation).findFirst();
    }

    /** Address objects strictly inside the range, enclosing before enclosed. */
    List<RpslObject> addressesInside(IpRange range) {
        return objects(type(range), range, false);
    }

    /** Reverse domains and routes covering exactly the range or inside it. */
    List<RpslObject> domainsWithin(IpRange range) {
        return objects(ObjectType.DOMAIN, range, true);
    }

    List<RpslObject> routesWithin(IpRange range) {
        return objects(range.isIpv4() ? ObjectType.ROUTE : ObjectType.ROUTE6, range, true);
    }

    private List<RpslObject> objects(ObjectType type, IpRange range, boolean withExact) {
        List<RpslObject> out = new ArrayList<>();
        if (withExact) {
            ctx.db().ranges(type, range, RangeQuery.EXACT).forEach(s -> out.add(s.object()));
        }
        ctx.db().ranges(type, range, RangeQuery.ALL_MORE).forEach(s -> out.add(s.object()));
        return out;
    }

    Optional<RpslObject> get(ObjectType type, String key) {
        return ctx.db().get(type, key).map(StoredObject::object);
    }

    /** The mntner must exist; the registry's own maintainers are never an LIR. */
    RpslObject lirMntner(String mntner, String role) {
        if (mntner == null || mntner.isBlank()) {
            throw RegistryRefusal.badInput("missing " + role + " maintainer");
        }
        if (ctx.isRegistryMntner(mntner)) {
            throw RegistryRefusal.badInput(mntner + " is a registry maintainer, not an LIR's");
        }
        return get(ObjectType.MNTNER, mntner)
                .orElseThrow(() -> RegistryRefusal.notFound("no mntner " + mntner.toUpperCase(Locale.ROOT) + " in the database"));
    }
}
