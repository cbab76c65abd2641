package net.whoisd.server.update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * The database as one message's updates see it. In a dry run nothing is committed, so the objects
 * the message would have created, changed or deleted are kept here and key lookups see them: a
 * dry run of a new maintainer and the person it names succeeds as the real run would.
 */
final class ObjectView {
    private final WhoisDatabase db;
    private final Map<ObjectKey, Optional<RpslObject>> pending = new HashMap<>();

    ObjectView(WhoisDatabase db) {
        this.db = db;
    }

    String source() {
        return db.source();
    }

    Optional<RpslObject> get(ObjectType type, String key) {
        Optional<RpslObject> p = pending.get(new ObjectKey(type, ObjectKey.normalise(type, key)));
        if (p != null) {
            return p;
        }
        return db.get(type, key).map(StoredObject::object);
    }

    /** The object one of whose classes is in {@code types} with this key. */
    Optional<RpslObject> get(Set<ObjectType> types, String key) {
        for (ObjectType t : types) {
            Optional<RpslObject> o = get(t, key);
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    List<RpslObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
        List<RpslObject> out = new ArrayList<>();
        for (StoredObject s : db.ranges(type, range, query)) {
            Optional<RpslObject> p = pending.get(s.key());
            if (p == null) {
                out.add(s.object());
            } else {
                p.ifPresent(out::add);
            }
        }
        return out;
    }

    /** Objects whose inverse attribute holds the value (committed objects only, minus those deleted in a dry run). */
    List<RpslObject> inverse(String attribute, String value, Set<ObjectType> types) {
        List<RpslObject> out = new ArrayList<>();
        for (StoredObject s : db.inverse(attribute, value, types)) {
            Optional<RpslObject> p = pending.get(s.key());
            if (p == null) {
                out.add(s.object());
            } else {
                p.ifPresent(out::add);
            }
        }
        return out;
    }

    /** Records a change that a dry run would have made. */
    void pretend(ObjectKey key, RpslObject objectOrNullForDelete) {
        pending.put(key, Optional.ofNullable(objectOrNullForDelete));
    }
}
