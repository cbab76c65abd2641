package net.whoisd.storage.disk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.store.StoreKeys;

/**
 * The store entries a commit replaces, as they were before it. While the commit's writes go into
 * the store, readers are answered from here for those entries and from the store for the rest,
 * so a reader never sees part of a commit and never waits for its writes (which took most of the
 * time a commit held the readers out). Filled completely before it is published, read-only after.
 */
final class ReplacedEntries {
    /** No commit being written: every entry is read from the store. */
    static final ReplacedEntries NONE = new ReplacedEntries(-1, -1);

    // a key mapped to null: the entry did not exist before the commit
    private final Map<Long, String> texts = new HashMap<>();
    private final Map<Long, long[]> ranges = new HashMap<>();
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<String, byte[]> histories = new HashMap<>();
    private final long lastSerial;
    private final long size;

    private ReplacedEntries(long lastSerial, long size) {
        this.lastSerial = lastSerial;
        this.size = size;
    }

    /**
     * Reads, before any of the changes is written, every entry they will write.
     *
     * @param idsBefore the id every changed key had before the commit (null: none), as the commit's
     *                  checks found it
     * @param freshIds  the first id the commit may assign: no entry exists for it or above
     */
    static ReplacedEntries before(MapStore store, List<JournalChange> changes, List<RpslObject> objects,
                                  Map<String, Long> idsBefore, long freshIds) {
        ReplacedEntries r = new ReplacedEntries(store.lastSerial(), store.size());
        for (int i = 0; i < changes.size(); i++) {
            long id = changes.get(i).id();
            String storeKey = StoreKeys.of(ObjectKey.of(objects.get(i)));
            boolean fresh = id >= freshIds;
            r.texts.put(id, fresh ? null : store.text(id));
            r.ranges.put(id, fresh ? null : store.range(id));
            r.ids.put(storeKey, idsBefore.get(storeKey));
            if (!r.histories.containsKey(storeKey)) {
                r.histories.put(storeKey, store.history(storeKey));
            }
        }
        return r;
    }

    /** A changed key's history as it was before the commit (read by {@link #before}). */
    byte[] historyBefore(String storeKey) {
        return histories.get(storeKey);
    }

    String text(long id, MapStore store) {
        return texts.containsKey(id) ? texts.get(id) : store.text(id);
    }

    long[] range(long id, MapStore store) {
        return ranges.containsKey(id) ? ranges.get(id) : store.range(id);
    }

    Long id(String storeKey, MapStore store) {
        return ids.containsKey(storeKey) ? ids.get(storeKey) : store.id(storeKey);
    }

    byte[] history(String storeKey, MapStore store) {
        return histories.containsKey(storeKey) ? histories.get(storeKey) : store.history(storeKey);
    }

    long lastSerial(MapStore store) {
        return this == NONE ? store.lastSerial() : lastSerial;
    }

    long size(MapStore store) {
        return this == NONE ? store.size() : size;
    }
}
