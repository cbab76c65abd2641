package net.whoisd.storage.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.journal.JournalRecord;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.range.RangeTable;

/**
 * Applies a journal record to the store (objects, keys, history, ranges, position) without
 * committing: the same code serves a live commit and a replay after a crash, so both give the
 * same store.
 */
public final class StoreApplier {
    private StoreApplier() {
    }

    /**
     * @param parsed the changes' objects already parsed, in order, or null to parse the texts
     */
    public static void apply(MapStore store, JournalRecord record, List<RpslObject> parsed) {
        apply(store, record, parsed, store::history);
    }

    /**
     * @param historyBefore each changed key's history as it was before the record (the writer has
     *                      read it already; a B-tree read saved)
     */
    public static void apply(MapStore store, JournalRecord record, List<RpslObject> parsed, Function<String, byte[]> historyBefore) {
        Map<String, byte[]> written = new HashMap<>(); // a key changed twice in one record reads what the first change wrote
        long serial = record.firstSerial();
        long nextId = store.nextId();
        long size = store.size();
        List<JournalChange> changes = record.changes();
        for (int i = 0; i < changes.size(); i++) {
            JournalChange c = changes.get(i);
            RpslObject object = parsed != null ? parsed.get(i) : RpslObject.parse(c.text());
            ObjectKey key = ObjectKey.of(object);
            String storeKey = StoreKeys.of(key);
            byte[] old = written.containsKey(storeKey) ? written.get(storeKey) : historyBefore.apply(storeKey);
            List<Version> versions = old == null ? new ArrayList<>() : new ArrayList<>(Versions.decode(old));
            switch (c.operation()) {
                case CREATE -> {
                    if (!versions.isEmpty() && versions.get(versions.size() - 1).operation() != Operation.DELETE) {
                        throw new StorageException("journal serial " + serial + ": create of existing " + key);
                    }
                    versions.clear(); // a re-created object starts a new life
                    versions.add(new Version(Operation.CREATE, serial, record.timeMillis(), null));
                    store.putObject(storeKey, c.id(), c.text(), range(key, object));
                    size++;
                }
                case MODIFY -> {
                    fillCurrentText(store, versions, c.id(), serial, key);
                    versions.add(new Version(Operation.MODIFY, serial, record.timeMillis(), null));
                    store.putObject(storeKey, c.id(), c.text(), range(key, object));
                }
                case DELETE -> {
                    fillCurrentText(store, versions, c.id(), serial, key);
                    versions.add(new Version(Operation.DELETE, serial, record.timeMillis(), c.text()));
                    store.removeObject(storeKey, c.id());
                    size--;
                }
            }
            byte[] encoded = Versions.encode(versions);
            store.putHistory(storeKey, encoded);
            written.put(storeKey, encoded);
            nextId = Math.max(nextId, c.id() + 1);
            serial++;
        }
        store.setPosition(record.lastSerial(), nextId, size);
    }

    /** The live version's text is kept only in the object map; copy it into history before it changes. */
    private static void fillCurrentText(MapStore store, List<Version> versions, long id, long serial, ObjectKey key) {
        String current = store.text(id);
        if (current == null || versions.isEmpty()) {
            throw new StorageException("journal serial " + serial + ": change of missing " + key);
        }
        Version last = versions.remove(versions.size() - 1);
        versions.add(new Version(last.operation(), last.serial(), last.timeMillis(), current));
    }

    /**
     * The range {@link #apply} leaves stored for an object whose stored range was {@code before}:
     * none after a delete, and a modify without a range keeps the stored one (as
     * {@link MapStore#putObject} does with a null range).
     */
    public static long[] rangeAfter(Operation operation, long[] before, RpslObject object) {
        if (operation == Operation.DELETE) {
            return null;
        }
        long[] after = range(ObjectKey.of(object), object);
        return after == null && operation == Operation.MODIFY ? before : after;
    }

    public static long[] range(ObjectKey key, RpslObject object) {
        return RangeIndexes.rangeOf(key.type(), object).map(r -> RangeTable.encode(key.type(), r)).orElse(null);
    }

    public static IpRange decodeRange(long[] stored) {
        return RangeTable.decode(stored);
    }
}
