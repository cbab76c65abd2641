package net.whoisd.storage.disk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.Operation;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.index.SearchCache;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.range.RangeTable;
import net.whoisd.storage.store.StoreKeys;
import net.whoisd.storage.store.Version;
import net.whoisd.storage.store.Versions;

/**
 * What readers read: the MapDB store, the Lucene index and the in-memory IP range indexes, with
 * the caches in front of them. Readers take the view's read lock; a commit takes its write lock
 * only for the moments it shows its changes, never around disk writes (while those go in, readers
 * are answered from {@link ReplacedEntries}), so every read sees a commit wholly or not at all.
 */
final class ReadView {
    /** Parsed objects kept in memory (1-3 KB each): by default one per 16 KB of heap, at most 200,000. */
    private static final int CACHE_OBJECTS = Integer.getInteger("whoisd.cache.objects",
            (int) Math.min(200_000, Runtime.getRuntime().maxMemory() / 16_384));
    /** Primary key to id entries kept in memory (a MapDB B-tree lookup each otherwise). */
    private static final int CACHE_KEYS = Integer.getInteger("whoisd.cache.keys", 500_000);
    /** Index search results kept in memory; a commit drops those its objects' old and new versions could be in. */
    private static final int CACHE_SEARCHES = Integer.getInteger("whoisd.cache.searches", 100_000);
    static final long NO_ID = -1;
    private static final Comparator<StoredObject> BY_CLASS_AND_KEY =
            Comparator.comparing((StoredObject o) -> o.key().type()).thenComparing(o -> o.key().key());
    private static final long[] NO_RANGE = new long[0];

    // replaced together under the write lock when a failed write makes the database reopen them
    private MapStore store;
    private LuceneIndex index;
    private volatile RangeIndexes ranges;
    private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();
    // read caches: filled under the read lock, invalidated under the write lock of the commit that changes them
    private final BoundedCache<Long, StoredObject> cache = new BoundedCache<>(CACHE_OBJECTS);
    private final BoundedCache<String, Long> keyIds = new BoundedCache<>(CACHE_KEYS);
    private final BoundedCache<Long, long[]> rangeCache = new BoundedCache<>(CACHE_OBJECTS);
    private final SearchCache searches = new SearchCache(CACHE_SEARCHES);
    /**
     * What readers read the store through: while a commit's writes go into the store, the entries
     * it replaces as they were; {@link ReplacedEntries#NONE} otherwise. Set and cleared under the
     * write lock, so every read (under the read lock) sees the store wholly before a commit or
     * wholly after it.
     */
    private volatile ReplacedEntries replaced = ReplacedEntries.NONE;

    ReadView(Recovery.Derived derived) {
        this.store = derived.store();
        this.index = derived.index();
        this.ranges = derived.ranges();
    }

    Optional<StoredObject> get(ObjectType type, String primaryKey) {
        String storeKey = StoreKeys.of(type, normaliseKey(type, primaryKey));
        view.readLock().lock();
        try {
            Long id = keyIds.get(storeKey);
            if (id == null) {
                Long stored = replaced.id(storeKey, store);
                id = stored == null ? NO_ID : stored;
                keyIds.put(storeKey, id);
            }
            return id == NO_ID ? Optional.empty() : load(id);
        } finally {
            view.readLock().unlock();
        }
    }

    /** A primary key as a user types it, normalised as the store keys it (route keys are prefix + origin). */
    static String normaliseKey(ObjectType type, String primaryKey) {
        if (type == ObjectType.ROUTE || type == ObjectType.ROUTE6) {
            Optional<String[]> parts = ObjectKey.splitRouteKey(primaryKey.trim());
            if (parts.isPresent()) {
                return ObjectKey.normalise(type, parts.get()[0]) + parts.get()[1].trim().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return ObjectKey.normalise(type, primaryKey);
    }

    Optional<StoredObject> byId(long id) {
        view.readLock().lock();
        try {
            return load(id);
        } finally {
            view.readLock().unlock();
        }
    }

    private Optional<StoredObject> load(long id) {
        StoredObject cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        String text = replaced.text(id, store);
        if (text == null) {
            return Optional.empty();
        }
        RpslObject object = RpslObject.parse(text);
        StoredObject stored = new StoredObject(id, ObjectKey.of(object), object);
        cache.put(id, stored);
        return Optional.of(stored);
    }

    List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
        view.readLock().lock();
        try {
            List<Long> ids = searches.lookup(searchKey, types);
            if (ids == null) {
                ids = searches.putLookup(searchKey, types, index.lookup(searchKey, types));
            }
            return objects(ids);
        } finally {
            view.readLock().unlock();
        }
    }

    List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
        view.readLock().lock();
        try {
            List<Long> ids = searches.inverse(attribute, value, types);
            if (ids == null) {
                ids = searches.putInverse(attribute, value, types, index.inverse(attribute, value, types));
            }
            return objects(ids);
        } finally {
            view.readLock().unlock();
        }
    }

    /** Objects of the given classes whose descriptive text holds every word of the query. */
    List<StoredObject> fullText(String query, Set<ObjectType> types) {
        view.readLock().lock();
        try {
            return objects(index.fullText(query, types));
        } finally {
            view.readLock().unlock();
        }
    }

    private List<StoredObject> objects(List<Long> ids) {
        List<StoredObject> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            load(id).ifPresent(out::add);
        }
        if (out.size() > 1) {
            out.sort(BY_CLASS_AND_KEY);
        }
        return out;
    }

    List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
        if (!RangeIndexes.indexed(type)) {
            return List.of();
        }
        view.readLock().lock();
        try {
            long[] ids = ranges.query(type, range, query);
            List<StoredObject> out = new ArrayList<>(ids.length);
            List<IpRange> keys = new ArrayList<>(ids.length);
            for (long id : ids) {
                Optional<StoredObject> o = load(id);
                long[] r = storedRange(id);
                if (o.isPresent() && r != null) {
                    out.add(o.get());
                    keys.add(RangeTable.decode(r));
                }
            }
            if (out.size() < 2 || inRangeOrder(out, keys)) {
                return out; // the index gives enclosing before enclosed, which is range order but for ties
            }
            Integer[] order = new Integer[out.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> keys.get(i)).thenComparing(i -> out.get(i).key().key()));
            List<StoredObject> sorted = new ArrayList<>(out.size());
            for (Integer i : order) {
                sorted.add(out.get(i));
            }
            return sorted;
        } finally {
            view.readLock().unlock();
        }
    }

    private static boolean inRangeOrder(List<StoredObject> objects, List<IpRange> keys) {
        for (int i = 1; i < keys.size(); i++) {
            int c = keys.get(i - 1).compareTo(keys.get(i));
            if (c > 0 || c == 0 && objects.get(i - 1).key().key().compareTo(objects.get(i).key().key()) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The stored range of an object, or null if it has none. */
    private long[] storedRange(long id) {
        long[] r = rangeCache.get(id);
        if (r == null) {
            long[] stored = replaced.range(id, store);
            r = stored == null ? NO_RANGE : stored;
            rangeCache.put(id, r);
        }
        return r == NO_RANGE ? null : r;
    }

    List<ObjectVersion> history(ObjectType type, String primaryKey) {
        String storeKey = StoreKeys.of(type, normaliseKey(type, primaryKey));
        view.readLock().lock();
        try {
            byte[] encoded = replaced.history(storeKey, store);
            if (encoded == null) {
                return List.of();
            }
            List<Version> versions = Versions.decode(encoded);
            Long id = replaced.id(storeKey, store);
            List<ObjectVersion> out = new ArrayList<>(versions.size());
            for (int i = 0; i < versions.size(); i++) {
                Version v = versions.get(i);
                String text = v.text() != null ? v.text() : (id == null ? null : replaced.text(id, store));
                if (text == null) {
                    throw new StorageException("history of " + storeKey + " lacks the text of version " + (i + 1));
                }
                out.add(new ObjectVersion(i + 1, v.operation(), v.serial(), Instant.ofEpochMilli(v.timeMillis()), RpslObject.parse(text)));
            }
            return out;
        } finally {
            view.readLock().unlock();
        }
    }

    boolean showingCommit() {
        return view.isWriteLocked() || view.hasQueuedThreads();
    }

    long currentSerial() {
        return replaced.lastSerial(store);
    }

    long size() {
        return replaced.size(store);
    }

    void forEach(Consumer<StoredObject> visitor) {
        store.forEachKey(e -> {
            String text = store.text(e.getValue());
            if (text != null) {
                RpslObject object = RpslObject.parse(text);
                visitor.accept(new StoredObject(e.getValue(), StoreKeys.parse(e.getKey()), object));
            }
        });
    }

    // ------------------------------------------------------------------ for the writer

    MapStore store() {
        return store;
    }

    LuceneIndex index() {
        return index;
    }

    RangeIndexes rangeIndexes() {
        return ranges;
    }

    /** The object as the cache holds it, if it does (the writer's old versions without a store read). */
    StoredObject cachedObject(long id) {
        return cache.get(id);
    }

    /** The id the key cache holds for a store key: null if it holds none, {@link #NO_ID} if the key is known absent. */
    Long cachedKeyId(String storeKey) {
        return keyIds.get(storeKey);
    }

    /** From here readers see the entries a commit is about to write as they were, whatever the store holds. */
    void showAsBefore(ReplacedEntries asBefore) {
        view.writeLock().lock(); // held for a moment: readers in progress finish, those after see asBefore
        replaced = asBefore;
        view.writeLock().unlock();
    }

    /**
     * Shows a commit whose writes are in the store: caches and range indexes updated, the index's
     * new reader published. Returns what releases the reader it replaced (to run outside the lock).
     */
    Runnable show(List<JournalChange> changes, List<RpslObject> objects, List<long[]> oldRanges, List<long[]> newRanges,
                  List<RpslObject> oldVersions) {
        view.writeLock().lock();
        try {
            replaced = ReplacedEntries.NONE;
            for (int i = 0; i < changes.size(); i++) {
                JournalChange c = changes.get(i);
                cache.remove(c.id());
                rangeCache.remove(c.id());
                // the key's id after the commit (in order: the last change of a key wins), not dropped:
                // the next read of it would go to the store's B-tree
                keyIds.put(StoreKeys.of(ObjectKey.of(objects.get(i))), c.operation() == Operation.DELETE ? NO_ID : c.id());
                long[] before = oldRanges.get(i);
                if (before != null) {
                    ranges.remove(RangeTable.type(before), RangeTable.decode(before), c.id());
                }
                long[] after = newRanges.get(i);
                if (after != null) {
                    ranges.add(RangeTable.type(after), RangeTable.decode(after), c.id());
                }
            }
            // every answer a changed object was in or will be in; the rest stays valid
            for (RpslObject before : oldVersions) {
                searches.invalidate(ObjectKey.of(before).type(), before);
            }
            for (RpslObject after : objects) {
                searches.invalidate(ObjectKey.of(after).type(), after);
            }
            return index.swapPublished();
        } finally {
            view.writeLock().unlock();
        }
    }

    /** Publishes the index reader the last refresh prepared. */
    void swapIndexReader() {
        Runnable releaseOldSearcher;
        view.writeLock().lock();
        try {
            releaseOldSearcher = index.swapPublished();
        } finally {
            view.writeLock().unlock();
        }
        releaseOldSearcher.run();
    }

    /**
     * Runs {@code work} while no reader reads, then forgets every cached entry: for work that
     * replaces the store, the index or the range indexes wholesale. {@code work} returns the
     * derived data to read from now on.
     */
    void replaceAll(java.util.function.Supplier<Recovery.Derived> work) {
        view.writeLock().lock();
        try {
            Recovery.Derived now = work.get();
            store = now.store();
            index = now.index();
            ranges = now.ranges();
            cache.clear();
            rangeCache.clear();
            keyIds.clear();
            searches.clear();
            replaced = ReplacedEntries.NONE;
        } finally {
            view.writeLock().unlock();
        }
    }
}
