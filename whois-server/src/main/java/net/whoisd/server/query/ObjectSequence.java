package net.whoisd.server.query;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;

/**
 * The objects of an answer in answer order. A few are kept as they are; many are kept as ids and
 * read again one by one as the answer is written, so that an answer waiting for a slow reader holds
 * 8 bytes per object, not the objects.
 */
final class ObjectSequence implements Iterable<StoredObject> {
    /** Up to this many objects are kept whole (every bounded lookup's answer). */
    static final int KEPT_WHOLE = 256;

    private final List<StoredObject> objects;
    private final long[] ids;
    private final long[] sortedIds;
    private final WhoisDatabase db;

    private ObjectSequence(List<StoredObject> objects, long[] ids, WhoisDatabase db) {
        this.objects = objects;
        this.ids = ids;
        this.db = db;
        if (ids == null) {
            this.sortedIds = null;
        } else {
            this.sortedIds = ids.clone();
            Arrays.sort(sortedIds);
        }
    }

    static ObjectSequence of(List<StoredObject> objects, WhoisDatabase db) {
        if (objects.size() <= KEPT_WHOLE) {
            return new ObjectSequence(objects, null, db);
        }
        long[] ids = new long[objects.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = objects.get(i).id();
        }
        return new ObjectSequence(null, ids, db);
    }

    int size() {
        return objects != null ? objects.size() : ids.length;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The object at this position, or null if it has been deleted since the lookup. */
    StoredObject get(int index) {
        return objects != null ? objects.get(index) : db.byId(ids[index]).orElse(null);
    }

    boolean containsId(long id) {
        if (objects == null) {
            return Arrays.binarySearch(sortedIds, id) >= 0;
        }
        for (StoredObject o : objects) {
            if (o.id() == id) {
                return true;
            }
        }
        return false;
    }

    /** The objects still there, in order. */
    @Override
    public Iterator<StoredObject> iterator() {
        return new Iterator<>() {
            private int next;
            private StoredObject ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && next < size()) {
                    ahead = get(next++);
                }
                return ahead != null;
            }

            @Override
            public StoredObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredObject o = ahead;
                ahead = null;
                return o;
            }
        };
    }
}
