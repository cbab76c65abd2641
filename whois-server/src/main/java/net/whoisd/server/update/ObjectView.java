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
 *
 * <p>A <em>group</em> is a set of objects of the message that only make sense together (a new
 * maintainer and the new person it names, a person and maintainer deleted together): while a
 * group is checked, its objects are visible to references and authorisation as if already
 * applied, but not as the current version of their own key.
 */
final class ObjectView {
    private final WhoisDatabase db;
    private final Map<ObjectKey, Optional<RpslObject>> pending = new HashMap<>();
    private final Map<ObjectKey, Optional<RpslObject>> group = new HashMap<>();

    ObjectView(WhoisDatabase db) {
        this.db = db;
    }

    String source() {
        return db.source();
    }

    /** The object with this key, as the message's changes so far (and the group being checked) leave it. */
    Optional<RpslObject> get(ObjectType type, String key) {
        Optional<RpslObject> g = group.get(new ObjectKey(type, ObjectKey.normalise(type, key)));
        return g != null ? g : current(type, key);
    }

    /** The current version of an object: committed, or changed by an earlier object of a dry run. */
    Optional<RpslObject> current(ObjectType type, String key) {
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
            Optional<RpslObject> p = group.containsKey(s.key()) ? group.get(s.key()) : pending.get(s.key());
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
            Optional<RpslObject> p = group.containsKey(s.key()) ? group.get(s.key()) : pending.get(s.key());
            if (p == null) {
                out.add(s.object());
            } else {
                p.ifPresent(out::add);
            }
        }
        return out;
    }

    /** Starts checking a group: these keys are seen with these objects (empty for a deletion). */
    void group(Map<ObjectKey, Optional<RpslObject>> members) {
        group.clear();
        group.putAll(members);
    }

    void endGroup() {
        group.clear();
    }

    /** Records a change that a dry run would have made. */
    void pretend(ObjectKey key, RpslObject objectOrNullForDelete) {
        pending.put(key, Optional.ofNullable(objectOrNullForDelete));
    }
}
