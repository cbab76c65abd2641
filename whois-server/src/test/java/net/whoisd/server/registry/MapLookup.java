package net.whoisd.server.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;

/** A lookup function over a list of objects, for the unit tests of the pure rules. */
final class MapLookup implements ObjectLookup {
    private final Map<ObjectKey, RpslObject> objects = new LinkedHashMap<>();

    MapLookup(String... texts) {
        for (String t : texts) {
            RpslObject o = RpslObject.parse(t);
            objects.put(ObjectKey.of(o), o);
        }
    }

    @Override
    public Optional<RpslObject> get(ObjectType type, String primaryKey) {
        return Optional.ofNullable(objects.get(new ObjectKey(type, ObjectKey.normalise(type, primaryKey))));
    }

    @Override
    public List<RpslObject> enclosing(ObjectType type, IpRange range) {
        List<RpslObject> out = new ArrayList<>();
        for (RpslObject o : objects.values()) {
            if (o.type().orElseThrow() == type && IpRange.parse(o.classValue()).map(r -> r.contains(range)).orElse(false)) {
                out.add(o);
            }
        }
        out.sort((a, b) -> IpRange.parse(a.classValue()).orElseThrow().compareTo(IpRange.parse(b.classValue()).orElseThrow()));
        return out;
    }
}
