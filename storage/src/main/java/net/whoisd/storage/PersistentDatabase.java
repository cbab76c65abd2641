package net.whoisd.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.index.SearchCache;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.journal.JournalRecord;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.DamagedStoreException;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.store.RangeTable;
import net.whoisd.storage.store.Snapshots;
import net.whoisd.storage.store.StoreApplier;
import net.whoisd.storage.store.StoreKeys;
import net.whoisd.storage.store.Version;
import net.whoisd.storage.store.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database on disk: journal (the durable truth), MapDB store (objects, keys, history, ranges),
 * Lucene index and in-memory IP range indexes. See docs/storage.md for the layout and the
 * durability model.
 *
 * <p>A commit is checked, appended to the journal and forced to disk, then applied to the store,
 * the index and the range indexes before it returns. Readers take a read lock only around the short
 * in-memory apply phase of a commit, never around its disk writes.
 */
public final class PersistentDatabase implements WhoisDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentDatabase.class);
    /** A MapDB store that cannot be opened and checked within this time is treated as damaged. */
    static final long OPEN_TIMEOUT_SECONDS = Long.getLong("whoisd.store.open-timeout", 120);
    /** Changes after the last snapshot that make the next open write a new one. */
    static final long SNAPSHOT_AFTER_CHANGES = Long.getLong("whoisd.snapshot.changes", 100_000);
    private static final long INDEX_COMMIT_INTERVAL_MS = 10_000;
    /** Parsed objects kept in memory (1-3 KB each): by default one per 16 KB of heap, at most 200,000. */
    private static final int CACHE_OBJECTS = Integer.getInteger("whoisd.cache.objects",
            (int) Math.min(200_000, Runtime.getRuntime().maxMemory() / 16_384));
    /** Primary key to id entries kept in memory (a MapDB B-tree lookup each otherwise). */
    private static final int CACHE_KEYS = Integer.getInteger("whoisd.cache.keys", 500_000);
    /** Index search results kept in memory; a commit drops those its objects' old and new versions could be in. */
    private static final int CACHE_SEARCHES = Integer.getInteger("whoisd.cache.searches", 100_000);
    private static final long NO_ID = -1;
    private static final Comparator<StoredObject> BY_CLASS_AND_KEY =
            Comparator.comparing((StoredObject o) -> o.key().type()).thenComparing(o -> o.key().key());
    private static final long[] NO_RANGE = new long[0];
    /**
     * The store's transaction is committed (a checkpoint) at most this long after a change, and when
     * this many changes are pending: the journal alone makes a change durable, a store behind the
     * journal is caught up on open. A checkpoint syncs the mapped store file while MapDB holds its
     * locks (a fixed cost of 0.1-2 s on a 1M-object store on a busy disk), and every read that misses
     * the caches, the update writer's checks among them, waits for it: so not too often.
     */
    static final long STORE_CHECKPOINT_MS = Long.getLong("whoisd.store.checkpoint-ms", 10_000);
    static final long STORE_CHECKPOINT_CHANGES = Long.getLong("whoisd.store.checkpoint-changes", 10_000);
    /** Property: while the database is open a snapshot is written this often if anything changed (0: never). */
    static final String SNAPSHOT_INTERVAL_PROPERTY = "whoisd.snapshot.interval-ms";
    private static final long SNAPSHOT_INTERVAL_DEFAULT_MS = 3_600_000;
    private static final String DAMAGED_MARK = "store.damaged";
    private static final long SLOW_CHECKPOINT_MS = 100;
    /** Property: megabytes held back on the data directory's file system for rolling back a failed write. */
    static final String RESERVE_PROPERTY = "whoisd.store.reserve-mb";
    /** Property: megabytes that must be free beside the reserve for a commit to be taken. */
    static final String MIN_FREE_PROPERTY = "whoisd.store.min-free-mb";
    private static final long MB = 1L << 20;
    private static final long RESUME_CHECK_MS = 1000;
    /** Free space that a reopen after a failed write waits for before it is tried again. */
    private static final long REOPEN_ROOM = 8 * MB;

    private final Path dataDir;
    private final String source;
    private final DataDirLock lock;
    private final Journal journal;
    // replaced (under the view's write lock) when a failed write makes the database reopen them
    private MapStore store;
    private LuceneIndex index;
    private final LuceneIndex.RefreshPolicy refresh;
    private final DiskReserve reserve;
    /** Why commits are refused now (null: they are taken); cleared when the disk has room again. */
    private volatile String writesRefused;
    /** Set while the store and index could not be reopened after a failed write: retried when the disk has room. */
    private volatile boolean reopenPending;
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

    private final Object writer = new Object();
    private long indexCommittedAt = System.currentTimeMillis();
    private long indexCommittedSerial;
    private long storeCheckpointedAt = System.currentTimeMillis();
    private long uncheckpointedChanges;
    private final ScheduledExecutorService checkpointer;
    private volatile boolean closed;

    private PersistentDatabase(Path dataDir, String source, DataDirLock lock, Journal journal, MapStore store,
                               LuceneIndex index, RangeIndexes ranges, LuceneIndex.RefreshPolicy refresh, DiskReserve reserve) {
        this.dataDir = dataDir;
        this.refresh = refresh;
        this.reserve = reserve;
        this.source = source;
        this.lock = lock;
        this.journal = journal;
        this.store = store;
        this.index = index;
        this.ranges = ranges;
        this.indexCommittedSerial = store.lastSerial();
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-checkpoint " + dataDir.getFileName());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // background work, behind the readers
            return t;
        });
        checkpointer.scheduleWithFixedDelay(this::checkpointIfDue, STORE_CHECKPOINT_MS, STORE_CHECKPOINT_MS, TimeUnit.MILLISECONDS);
        checkpointer.scheduleWithFixedDelay(this::resumeWritesIfPossible, RESUME_CHECK_MS, RESUME_CHECK_MS, TimeUnit.MILLISECONDS);
        if (refresh.intervalMillis() > 0) {
            // the last changes before a pause in the updates go into the Lucene reader too
            checkpointer.scheduleWithFixedDelay(this::refreshIndexIfDue, refresh.intervalMillis(), refresh.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
        // periodic snapshots bound the journal a recovery replays (by time here, by count in checkpointIfDue)
        long snapshotEvery = Long.getLong(SNAPSHOT_INTERVAL_PROPERTY, SNAPSHOT_INTERVAL_DEFAULT_MS);
        if (snapshotEvery > 0) {
            checkpointer.scheduleWithFixedDelay(this::snapshotIfChanged, snapshotEvery, snapshotEvery, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether the data directory holds a snapshot (every import and every database of some age has
     * one), checked without opening the store: a caller that only wants to know whether a
     * directory is empty opens it fully only when this is false.
     */
    public static boolean hasSnapshot(Path dataDir) {
        return Files.isDirectory(dataDir) && Snapshots.latestSerial(dataDir).isPresent();
    }

    /** Opens the database in {@code dataDir} (created if empty), recovering after a crash. */
    public static PersistentDatabase open(Path dataDir, String source) {
        return open(dataDir, source, LuceneIndex.RefreshPolicy.DEFAULT);
    }

    /** As {@link #open(Path, String)}, with the given policy for when commits are refreshed into the Lucene reader. */
    static PersistentDatabase open(Path dataDir, String source, LuceneIndex.RefreshPolicy refresh) {
        return open(dataDir, source, refresh, Long.getLong(RESERVE_PROPERTY, 64) * MB, Long.getLong(MIN_FREE_PROPERTY, 16) * MB);
    }

    /** As {@link #open(Path, String)}, holding {@code reserveBytes} back on the disk and refusing commits below {@code minFreeBytes} free. */
    static PersistentDatabase open(Path dataDir, String source, LuceneIndex.RefreshPolicy refresh, long reserveBytes,
                                   long minFreeBytes) {
        long started = System.nanoTime();
        DataDirLock lock = DataDirLock.acquire(dataDir);
        Journal journal = null;
        MapStore store = null;
        LuceneIndex index = null;
        PersistentDatabase db = null;
        try {
            journal = Journal.open(dataDir.resolve("journal"));
            long snapshotSerial = Snapshots.latestSerial(dataDir).orElse(0L);
            journal.continueAfter(snapshotSerial);
            MapStore.Opened opened = openStore(dataDir, source, journal);
            store = opened.store();
            if (!store.source().equals(source)) {
                throw new StorageException("data directory " + dataDir + " holds source " + store.source() + ", not " + source);
            }
            index = LuceneIndex.open(dataDir.resolve(LuceneIndex.DIR), false, refresh);
            catchUpIndex(index, store, journal);
            RangeIndexes ranges = RangeIndexes.load(opened.ranges());
            DiskReserve reserve = new DiskReserve(dataDir, reserveBytes, minFreeBytes);
            db = new PersistentDatabase(dataDir, source, lock, journal, store, index, ranges, refresh, reserve);
            if (!reserve.ensure()) {
                db.refuseWrites(db.diskFullReason());
            }
            if (journal.lastSerial() - store.snapshotSerial() >= SNAPSHOT_AFTER_CHANGES) {
                db.snapshot();
            }
            LOG.info("database {} opened at serial {} with {} objects in {} ms", dataDir, store.lastSerial(), store.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return db;
        } catch (RuntimeException | Error e) {
            if (db != null) {
                db.checkpointer.shutdownNow();
            }
            closeQuietly(index);
            closeQuietly(store);
            closeQuietly(journal);
            lock.close();
            throw e;
        }
    }

    private static MapStore.Opened openStore(Path dataDir, String source, Journal journal) {
        if (MapStore.files(dataDir).isEmpty() && journal.lastSerial() == 0 && Snapshots.latestSerial(dataDir).isEmpty()) {
            MapStore created = MapStore.create(dataDir, source);
            return new MapStore.Opened(created, new RangeTable());
        }
        Path damagedMark = dataDir.resolve(DAMAGED_MARK);
        try {
            if (Files.exists(damagedMark)) {
                throw new DamagedStoreException("marked damaged by an earlier failure");
            }
            MapStore.Opened opened = MapStore.openChecked(dataDir, OPEN_TIMEOUT_SECONDS);
            try {
                if (opened.store().lastSerial() > journal.lastSerial()) {
                    // only possible if journal files were removed: rebuilding would throw acknowledged changes away
                    throw new StorageException("the store is at serial " + opened.store().lastSerial() + " but the journal in "
                            + dataDir.resolve("journal") + " ends at " + journal.lastSerial()
                            + ": journal files are missing; restore them (or move store.db away to rebuild from what is left)");
                }
                if (Snapshots.catchUp(opened.store(), journal) > 0) {
                    return new MapStore.Opened(opened.store(), opened.store().rangeTable());
                }
                return opened;
            } catch (DamagedStoreException e) {
                closeQuietly(opened.store());
                throw e;
            } catch (StorageException e) {
                closeQuietly(opened.store());
                throw e;
            } catch (RuntimeException | AssertionError e) {
                // MapDB checks its B-tree with assertions: one that fails while the journal is replayed
                // into a store torn by a kill means the same as an exception (rebuild)
                closeQuietly(opened.store());
                throw new DamagedStoreException(e.toString());
            }
        } catch (DamagedStoreException e) {
            LOG.warn("store in {} is not usable ({}); rebuilding it from the snapshot and the journal", dataDir, e.getMessage());
            MapStore.Opened rebuilt = Snapshots.rebuild(dataDir, source, journal, OPEN_TIMEOUT_SECONDS);
            try {
                Files.deleteIfExists(damagedMark);
            } catch (java.io.IOException io) {
                LOG.warn("cannot remove {}: {}", damagedMark, io.toString());
            }
            return rebuilt;
        }
    }

    /** Brings the Lucene index up to the store: replays the journal after its serial, or rebuilds it. */
    private static void catchUpIndex(LuceneIndex index, MapStore store, Journal journal) {
        long indexed = index.committedSerial();
        long target = store.lastSerial();
        if (indexed == target && (indexed >= 0)) {
            index.refresh();
            return;
        }
        if (indexed < 0 || indexed > target || indexed < journal.firstSerial() - 1) {
            rebuildIndex(index, store);
            return;
        }
        LOG.info("index at serial {}, store at {}: catching up from the journal", indexed, target);
        Set<Long> touched = new LinkedHashSet<>();
        journal.replay(indexed, r -> {
            for (JournalChange c : r.changes()) {
                touched.add(c.id());
            }
        });
        for (long id : touched) {
            String text = store.text(id);
            if (text == null) {
                index.remove(id);
            } else {
                RpslObject o = RpslObject.parse(text);
                index.put(id, ObjectKey.of(o).type(), o);
            }
        }
        index.commit(target);
        index.refresh();
    }

    /** Rebuilds the Lucene index from the store (the {@code reindex} command and recovery). */
    static void rebuildIndex(LuceneIndex index, MapStore store) {
        long started = System.nanoTime();
        LOG.info("rebuilding the index from the store ({} objects)", store.size());
        index.clear();
        long[] n = {0};
        store.forEachKey(e -> {
            RpslObject o = RpslObject.parse(store.text(e.getValue()));
            index.add(e.getValue(), StoreKeys.parse(e.getKey()).type(), o);
            if (++n[0] % 200_000 == 0) {
                LOG.info("reindex: {} objects", n[0]);
            }
        });
        index.commit(store.lastSerial());
        index.refresh();
        LOG.info("index rebuilt: {} objects in {} ms", n[0], (System.nanoTime() - started) / 1_000_000);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<StoredObject> get(ObjectType type, String primaryKey) {
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

    @Override
    public Optional<StoredObject> byId(long id) {
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

    @Override
    public List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
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

    @Override
    public List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
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
    public List<StoredObject> fullText(String query, Set<ObjectType> types) {
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

    @Override
    public List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
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

    @Override
    public List<ObjectVersion> history(ObjectType type, String primaryKey) {
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

    @Override
    public boolean showingCommit() {
        return view.isWriteLocked() || view.hasQueuedThreads();
    }

    @Override
    public long currentSerial() {
        return replaced.lastSerial(store);
    }

    @Override
    public long size() {
        return replaced.size(store);
    }

    @Override
    public void forEach(Consumer<StoredObject> visitor) {
        store.forEachKey(e -> {
            String text = store.text(e.getValue());
            if (text != null) {
                RpslObject object = RpslObject.parse(text);
                visitor.accept(new StoredObject(e.getValue(), StoreKeys.parse(e.getKey()), object));
            }
        });
    }

    // ------------------------------------------------------------------ the writer

    @Override
    public CommitResult commit(List<Change> changes) {
        return commit(changes, () -> { });
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        return commit(changes, precondition, List.of());
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        if (changes == null || changes.isEmpty()) {
            throw new StorageException("a commit needs at least one change");
        }
        if (!tags.isEmpty() && tags.size() != changes.size()) {
            throw new StorageException(tags.size() + " tags for " + changes.size() + " changes");
        }
        synchronized (writer) {
            if (closed) {
                throw new StorageException("database is closed");
            }
            requireWritable();
            precondition.run();
            List<RpslObject> objects = new ArrayList<>(changes.size());
            Map<String, Long> idsBefore = new HashMap<>();
            long freshIds = store.nextId();
            List<JournalChange> journalChanges = withTags(prepare(changes, objects, idsBefore), tags);
            long now = System.currentTimeMillis();
            JournalRecord record = new JournalRecord(journal.lastSerial() + 1, now, journalChanges);
            try {
                journal.append(record); // durable from here on: the rest is derived and is redone after a crash
            } catch (StorageException e) {
                refuseWritesIfDiskFull(); // the journal cut off what it wrote: nothing to take back
                throw e;
            }
            Runnable releaseOldSearcher;
            try {
                releaseOldSearcher = apply(record, journalChanges, objects, idsBefore, freshIds);
            } catch (RuntimeException | Error e) {
                // a change must be complete everywhere or nowhere: rather than answer "failed" for a
                // change the journal would bring back on the next start, the record is taken back
                if (abandon(record, e)) {
                    throw new StorageException("the change could not be stored (" + reasonOf(e) + "); nothing was changed", e);
                }
                // the record could not be cut off, so it stays: the reopened store and index hold it
                return new CommitResult(record.firstSerial(), record.lastSerial(), Instant.ofEpochMilli(now));
            }
            releaseOldSearcher.run();
            uncheckpointedChanges += journalChanges.size();
            if (uncheckpointedChanges >= STORE_CHECKPOINT_CHANGES) {
                checkpointStore();
            }
            if (now - indexCommittedAt >= INDEX_COMMIT_INTERVAL_MS) {
                commitIndex(record.lastSerial());
                indexCommittedAt = now;
            }
            return new CommitResult(record.firstSerial(), record.lastSerial(), Instant.ofEpochMilli(now));
        }
    }

    private static List<JournalChange> withTags(List<JournalChange> changes, List<String> tags) {
        if (tags.isEmpty()) {
            return changes;
        }
        List<JournalChange> tagged = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            JournalChange c = changes.get(i);
            tagged.add(new JournalChange(c.operation(), c.id(), c.text(), tags.get(i)));
        }
        return tagged;
    }

    @Override
    public List<TaggedChange> taggedChanges(long afterSerial) {
        List<TaggedChange> found = new ArrayList<>();
        journal.replay(afterSerial, record -> {
            for (int i = 0; i < record.changes().size(); i++) {
                JournalChange c = record.changes().get(i);
                long serial = record.firstSerial() + i;
                if (c.tag() != null && serial > afterSerial) {
                    found.add(new TaggedChange(c.tag(), serial,
                            new Change(c.operation(), RpslObject.parse(c.text()))));
                }
            }
        });
        return found;
    }

    /**
     * Applies a journalled commit to the index, the store, the range indexes and the caches, and
     * shows it to readers; returns what releases the index reader it replaced.
     */
    private Runnable apply(JournalRecord record, List<JournalChange> journalChanges, List<RpslObject> objects,
                           Map<String, Long> idsBefore, long freshIds) {
        for (int i = 0; i < journalChanges.size(); i++) {
            JournalChange c = journalChanges.get(i);
            RpslObject o = objects.get(i);
            // a created object has a new id (prepare takes it from the store's next id), which no
            // document has: the index skips the delete-by-query, which a refresh resolves in every segment
            index.change(c.id(), ObjectKey.of(o).type(), c.operation() == Operation.DELETE ? null : o,
                    c.operation() == Operation.CREATE);
        }
        ReplacedEntries asBefore = ReplacedEntries.before(store, journalChanges, objects, idsBefore, freshIds);
        List<long[]> oldRanges = new ArrayList<>();
        List<long[]> newRanges = new ArrayList<>();
        List<RpslObject> oldVersions = new ArrayList<>();
        for (int i = 0; i < journalChanges.size(); i++) {
            JournalChange c = journalChanges.get(i);
            long[] before = asBefore.range(c.id(), store);
            oldRanges.add(before);
            newRanges.add(StoreApplier.rangeAfter(c.operation(), before, objects.get(i))); // before the write lock: readers do not wait for it
            if (c.operation() != Operation.CREATE) {
                StoredObject cached = cache.get(c.id());
                String text = cached == null ? asBefore.text(c.id(), store) : null;
                if (cached != null || text != null) {
                    oldVersions.add(cached != null ? cached.object() : RpslObject.parse(text));
                }
            }
        }
        index.refreshIfDue(); // now and then: the slow part of showing the index changes, while readers go on
        view.writeLock().lock(); // held for a moment: readers in progress finish, those after see asBefore
        replaced = asBefore; // from here readers see these entries as they were, whatever the store holds
        view.writeLock().unlock();
        // a failure from here on leaves asBefore in place until the abandoned commit's reset replaces it
        StoreApplier.apply(store, record, objects, asBefore::historyBefore);
        view.writeLock().lock();
        try {
            replaced = ReplacedEntries.NONE;
            for (int i = 0; i < journalChanges.size(); i++) {
                JournalChange c = journalChanges.get(i);
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

    // ------------------------------------------------------------------ failed writes

    /**
     * After a write failed past the journal: takes the record back, gives the disk reserve up so
     * that the store and the index have room to roll back, and reopens both from disk plus the
     * journal. Returns true if the record was taken back (the change is refused), false if it
     * could not be and the reopened store and index hold it (the change is complete).
     */
    private boolean abandon(JournalRecord record, Throwable failure) {
        LOG.error("commit of serial {} failed after its journal write: taking it back", record.firstSerial(), failure);
        reserve.release();
        boolean retracted;
        try {
            journal.retract(record);
            retracted = true;
        } catch (StorageException e) {
            LOG.error("the failed commit {} stays in the journal; it is applied by the reset that follows", record.firstSerial(), e);
            retracted = false;
        }
        reopenDerived(failure);
        refuseWrites(reserve.enoughFree() ? "a write to " + dataDir + " failed (" + reasonOf(failure) + ")" : diskFullReason());
        if (!retracted && reopenPending) {
            throw new StorageException("the change could not be completed (" + reasonOf(failure)
                    + ") and is in the journal: it is applied when the store is reopened", failure);
        }
        return retracted;
    }

    /**
     * Closes the store and the index without committing them and opens both again: MapDB rolls back
     * to its last checkpoint, and the store and index catch up from the journal, as after a crash.
     * Readers wait meanwhile. If that fails too (the disk is still too full to replay), commits are
     * refused and the reopen is tried again once the disk has room.
     */
    private void reopenDerived(Throwable failure) {
        view.writeLock().lock();
        try {
            closeQuietly(index);
            store.closeQuietly();
            MapStore.Opened opened = openStore(dataDir, source, journal);
            store = opened.store();
            index = LuceneIndex.open(dataDir.resolve(LuceneIndex.DIR), false, refresh);
            catchUpIndex(index, store, journal);
            ranges = RangeIndexes.load(opened.ranges());
            cache.clear();
            rangeCache.clear();
            keyIds.clear();
            searches.clear();
            replaced = ReplacedEntries.NONE;
            uncheckpointedChanges = 0;
            storeCheckpointedAt = System.currentTimeMillis();
            indexCommittedSerial = store.lastSerial();
            reopenPending = false;
            LOG.warn("store and index reopened at serial {} after a failed write", store.lastSerial());
        } catch (RuntimeException | Error e) {
            reopenPending = true;
            markStoreDamaged(); // should the process end before the reopen succeeds, the next start rebuilds
            LOG.error("store and index could not be reopened after a failed write ({}): {}; tried again when the disk has room",
                    reasonOf(failure), reasonOf(e));
        } finally {
            view.writeLock().unlock();
        }
    }

    /** Throws if commits are refused now, unless the reason has gone (the disk has room again). */
    private void requireWritable() {
        Optional<Throwable> indexFailure = index.failure();
        if (indexFailure.isPresent()) {
            // a background merge or flush failed since the last commit: reopen before writing anything
            LOG.error("the index writer failed; reopening the store and index", indexFailure.get());
            reserve.release();
            reopenDerived(indexFailure.get());
            refuseWrites(reserve.enoughFree() ? "an index write in " + dataDir + " failed (" + reasonOf(indexFailure.get()) + ")"
                    : diskFullReason());
        }
        String reason = writesRefused;
        if (reason != null && !resumeWrites()) {
            throw new WritesRefusedException(writesRefused);
        }
        if (!reserve.enoughFree()) {
            refuseWrites(diskFullReason());
            throw new WritesRefusedException(writesRefused);
        }
    }

    private void refuseWritesIfDiskFull() {
        if (!reserve.enoughFree()) {
            refuseWrites(diskFullReason());
        }
    }

    private void refuseWrites(String reason) {
        if (!reason.equals(writesRefused)) {
            LOG.error("commits refused from now on: {}", reason);
        }
        writesRefused = reason;
    }

    /** Takes commits again if nothing needs a restart and the disk reserve can be laid; called with the writer lock held. */
    private boolean resumeWrites() {
        if (reopenPending) {
            if (reserve.usableBytes() < reserve.minFreeBytes() + REOPEN_ROOM) {
                return false;
            }
            reopenDerived(new StorageException("retry"));
            if (reopenPending) {
                return false;
            }
            try {
                Files.deleteIfExists(dataDir.resolve(DAMAGED_MARK));
            } catch (java.io.IOException e) {
                LOG.warn("cannot remove {}: {}", DAMAGED_MARK, e.toString());
            }
        }
        if (!reserve.ensure()) {
            return false;
        }
        LOG.info("commits taken again: {} MB free in {}", reserve.usableBytes() / MB, dataDir);
        writesRefused = null;
        return true;
    }

    /** The timer's look at whether refused writes can resume, so that health reports it without waiting for a write. */
    private void resumeWritesIfPossible() {
        if (writesRefused == null) {
            return;
        }
        synchronized (writer) {
            if (!closed && writesRefused != null) {
                resumeWrites();
            }
        }
    }

    private String diskFullReason() {
        return "the disk holding " + dataDir + " is full (" + reserve.usableBytes() / MB + " MB free, "
                + reserve.minFreeBytes() / MB + " MB needed besides the reserve)";
    }

    private static String reasonOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Why commits are refused now, if they are (for health checks). */
    @Override
    public Optional<String> writesRefused() {
        return Optional.ofNullable(writesRefused);
    }

    /** Commits the index after changes that are already acknowledged; a failure reopens it from the journal. */
    private void commitIndex(long serial) {
        try {
            index.commit(serial);
            indexCommittedSerial = serial;
        } catch (RuntimeException | Error e) {
            LOG.error("index commit at serial {} failed; reopening the store and index", serial, e);
            reserve.release();
            reopenDerived(e);
            refuseWrites(reserve.enoughFree() ? "an index write in " + dataDir + " failed (" + reasonOf(e) + ")" : diskFullReason());
        }
    }


    /** Commits the store's transaction if changes have waited for it long enough (the checkpoint thread). */
    private void checkpointIfDue() {
        synchronized (writer) {
            if (!closed && uncheckpointedChanges > 0 && System.currentTimeMillis() - storeCheckpointedAt >= STORE_CHECKPOINT_MS) {
                checkpointStore();
            }
            if (!closed && store.lastSerial() - store.snapshotSerial() >= SNAPSHOT_AFTER_CHANGES) {
                snapshotQuietly();
            }
        }
    }

    /** Refreshes the Lucene reader with the commits answered from memory, if they are old enough (the timer). */
    private void refreshIndexIfDue() {
        synchronized (writer) {
            if (closed || !index.refreshIfDue()) {
                return;
            }
            Runnable releaseOldSearcher;
            view.writeLock().lock();
            try {
                releaseOldSearcher = index.swapPublished();
            } finally {
                view.writeLock().unlock();
            }
            releaseOldSearcher.run();
        }
    }

    /** The timer's snapshot: written only if something changed since the last one. */
    private void snapshotIfChanged() {
        synchronized (writer) {
            if (!closed && store.lastSerial() > store.snapshotSerial()) {
                snapshotQuietly();
            }
        }
    }

    private void snapshotQuietly() {
        try {
            Snapshots.write(store, dataDir, journal);
        } catch (RuntimeException e) {
            // the journal still holds every change since the previous snapshot; the next timer tries again
            LOG.error("periodic snapshot in {} failed", dataDir, e);
        }
    }

    /**
     * Commits the store's transaction: every change applied so far, with the last applied serial in
     * the same transaction, so that an open after a crash replays the journal from exactly there.
     * Called with the writer lock held, so a checkpoint never holds part of a journal record.
     */
    private void checkpointStore() {
        long started = System.nanoTime();
        try {
            store.commit();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_CHECKPOINT_MS) {
                // readers that miss the caches wait for it (the store's locks are held while it syncs)
                LOG.info("store checkpoint of {} changes took {} ms", uncheckpointedChanges, millis);
            }
            uncheckpointedChanges = 0;
            storeCheckpointedAt = System.currentTimeMillis();
        } catch (RuntimeException | Error e) {
            // the journal holds the changes: the store reopened at its last checkpoint replays them
            LOG.error("store checkpoint at serial {} failed; reopening the store and index from the journal", store.lastSerial(), e);
            reserve.release();
            reopenDerived(e);
            refuseWrites(reserve.enoughFree() ? "a store write in " + dataDir + " failed (" + reasonOf(e) + ")" : diskFullReason());
        }
    }

    /**
     * Checks every change against the store and the earlier changes of the commit; assigns ids.
     * Fills {@code idsBefore} with the id each changed key has before the commit (null: none).
     */
    private List<JournalChange> prepare(List<Change> changes, List<RpslObject> objects, Map<String, Long> idsBefore) {
        Map<String, Long> pending = new HashMap<>(); // store key -> id, or -1 once deleted in this commit
        Map<Long, IpRange> pendingRanges = new HashMap<>();
        long nextId = store.nextId();
        List<JournalChange> out = new ArrayList<>(changes.size());
        for (Change change : changes) {
            RpslObject object = change.object();
            ObjectKey key;
            try {
                key = ObjectKey.of(object);
            } catch (IllegalArgumentException e) {
                throw new StorageException("cannot store object: " + e.getMessage());
            }
            if (key.key().isEmpty()) {
                throw new StorageException("cannot store " + key.type() + " object without a primary key");
            }
            String storeKey = StoreKeys.of(key);
            Long existing;
            if (pending.containsKey(storeKey)) {
                existing = pending.get(storeKey);
            } else {
                existing = storedId(storeKey);
                idsBefore.put(storeKey, existing);
            }
            boolean exists = existing != null && existing >= 0;
            long id;
            switch (change.operation()) {
                case CREATE -> {
                    if (exists) {
                        throw new StorageException("create of " + key + ": the object already exists");
                    }
                    id = nextId++;
                    Optional<IpRange> range = RangeIndexes.rangeOf(key.type(), object);
                    if (range.isPresent()) {
                        Optional<IpRange> clash = ranges.partialOverlap(key.type(), range.get(), rid -> {
                            if (pendingRanges.containsKey(rid)) {
                                return pendingRanges.get(rid);
                            }
                            long[] r = store.range(rid);
                            return r == null ? null : RangeTable.decode(r);
                        });
                        if (clash.isPresent()) {
                            throw new StorageException("create of " + key + ": " + range.get() + " partially overlaps " + clash.get());
                        }
                    }
                    pending.put(storeKey, id);
                }
                case MODIFY -> {
                    if (!exists) {
                        throw new StorageException("modify of " + key + ": no such object");
                    }
                    id = existing;
                }
                case DELETE -> {
                    if (!exists) {
                        throw new StorageException("delete of " + key + ": no such object");
                    }
                    id = existing;
                    pending.put(storeKey, -1L);
                }
                default -> throw new StorageException("unknown operation " + change.operation());
            }
            objects.add(object);
            out.add(new JournalChange(change.operation(), id, object.toText()));
        }
        return out;
    }

    /**
     * The id the store holds for a key, from the key cache when it has it (the writer's checks ask
     * for keys that queries and the update's own checks have just asked for): the cache is exact
     * between commits, and only the writer commits.
     */
    private Long storedId(String storeKey) {
        Long cached = keyIds.get(storeKey);
        if (cached != null) {
            return cached == NO_ID ? null : cached;
        }
        return store.id(storeKey);
    }

    private void markStoreDamaged() {
        try {
            Files.writeString(dataDir.resolve(DAMAGED_MARK), "rebuild\n");
        } catch (java.io.IOException e) {
            LOG.error("cannot mark the store as damaged", e);
        }
    }

    /** Every stored range (what an import checks the ranges it adds against). */
    RangeTable rangeTable() {
        synchronized (writer) {
            return store.rangeTable();
        }
    }

    /** Writes a snapshot of the store now (bounds the journal a recovery must replay). */
    public Path snapshot() {
        synchronized (writer) {
            return Snapshots.write(store, dataDir, journal);
        }
    }

    /** Rebuilds the Lucene index, the stored ranges and the range indexes from the objects in the store. */
    public void reindex() {
        synchronized (writer) {
            view.writeLock().lock();
            try {
                store.forEachKey(e -> {
                    ObjectKey key = StoreKeys.parse(e.getKey());
                    if (RangeIndexes.indexed(key.type())) {
                        store.putRange(e.getValue(), StoreApplier.range(key, RpslObject.parse(store.text(e.getValue()))));
                    }
                });
                store.commit();
                ranges = RangeIndexes.load(store.rangeTable());
                rebuildIndex(index, store);
                cache.clear();
                rangeCache.clear();
                keyIds.clear();
                searches.clear();
            } finally {
                view.writeLock().unlock();
            }
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        synchronized (writer) {
            if (closed) {
                return;
            }
            closed = true;
            checkpointer.shutdownNow();
            if (uncheckpointedChanges > 0) {
                checkpointStore();
            }
            try {
                if (indexCommittedSerial != store.lastSerial() || index.committedSerial() != store.lastSerial()) {
                    index.commit(store.lastSerial());
                }
            } catch (RuntimeException e) {
                LOG.warn("index commit at close failed; it catches up from the journal on the next open", e);
            }
            closeQuietly(index);
            closeQuietly(store);
            closeQuietly(journal);
            lock.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("close failed: {}", e.toString());
        }
    }
}
