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
    private final Map<ObjectKey, Optional<RpslObject>> batch;

    /**
     * @param batch changes of earlier messages of the writer's current batch: checked, not yet
     *              committed (shared by the messages of one batch)
     */
    ObjectView(WhoisDatabase db, Map<ObjectKey, Optional<RpslObject>> batch) {
        this.db = db;
        this.batch = batch;
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
        ObjectKey k = new ObjectKey(type, ObjectKey.normalise(type, key));
        Optional<RpslObject> p = pending.get(k);
        if (p == null) {
            p = batch.get(k);
        }
        return p != null ? p : db.get(type, key).map(StoredObject::object);
    }

    /** The overlaid version of a stored object: null if not overlaid, empty if deleted. */
    private Optional<RpslObject> overlay(ObjectKey k) {
        if (group.containsKey(k)) {
            return group.get(k);
        }
        Optional<RpslObject> p = pending.get(k);
        return p != null ? p : batch.get(k);
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
        return overlaid(db.ranges(type, range, query));
    }

    /** Objects whose inverse attribute holds the value (committed objects only, minus those deleted in a dry run). */
    List<RpslObject> inverse(String attribute, String value, Set<ObjectType> types) {
        return overlaid(db.inverse(attribute, value, types));
    }

    /** Stored objects as this message sees them: changed versions replaced, deleted ones left out. */
    private List<RpslObject> overlaid(List<StoredObject> stored) {
        List<RpslObject> out = new ArrayList<>(stored.size());
        for (StoredObject s : stored) {
            Optional<RpslObject> p = overlay(s.key());
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

    /**
     * Records a change not yet in the database: one a dry run would have made (private to this
     * message), or one waiting for the writer's batch commit ({@code shared}).
     */
    void pretend(ObjectKey key, RpslObject objectOrNullForDelete, boolean shared) {
        (shared ? batch : pending).put(key, Optional.ofNullable(objectOrNullForDelete));
    }
}
