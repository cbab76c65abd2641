package net.whoisd.server.registry;

import java.util.List;
import java.util.Optional;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/** The two reads that abuse-contact and reverse-delegation rules need, so they work on any source. */
public interface ObjectLookup {

    Optional<RpslObject> get(ObjectType type, String primaryKey);

    /** Objects of the class enclosing the range, exact match included, outermost first. */
    List<RpslObject> enclosing(ObjectType type, IpRange range);

    static ObjectLookup of(WhoisDatabase db) {
        return new ObjectLookup() {
            @Override
            public Optional<RpslObject> get(ObjectType type, String primaryKey) {
                return db.get(type, primaryKey).map(StoredObject::object);
            }

            @Override
            public List<RpslObject> enclosing(ObjectType type, IpRange range) {
                return db.ranges(type, range, RangeQuery.ALL_LESS).stream().map(StoredObject::object).toList();
            }
        };
    }
}
