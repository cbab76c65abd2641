package net.whoisd.storage.disk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.WhoisDatabase;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.journal.JournalRecord;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.range.RangeTable;
import net.whoisd.storage.store.StoreApplier;
import net.whoisd.storage.store.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way changes get into the database. A commit is checked, appended to the journal and
 * forced to disk, then applied to the index, the store and the range indexes and shown to readers
 * before it returns; a failure after the journal append takes the commit back
 * ({@link WriteFailures}). Commits, checkpoints and every other write of the derived data run
 * under one lock, so a checkpoint always holds whole journal records.
 */
final class CommitPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    /**
     * The store's transaction is committed (a checkpoint) at most this long after a change, and when
     * this many changes are pending: the journal alone makes a change durable, a store behind the
     * journal is caught up on open. A checkpoint syncs the mapped store file while MapDB holds its
     * locks (a fixed cost of 0.1-2 s on a 1M-object store on a busy disk), and every read that misses
     * the caches, the update writer's checks among them, waits for it: so not too often.
     */
    static final long STORE_CHECKPOINT_MS = Long.getLong("whoisd.store.checkpoint-ms", 10_000);
    static final long STORE_CHECKPOINT_CHANGES = Long.getLong("whoisd.store.checkpoint-changes", 10_000);
    private static final long INDEX_COMMIT_INTERVAL_MS = 10_000;
    private static final long SLOW_CHECKPOINT_MS = 100;

    private final Journal journal;
    private final ReadView view;
    private final WriteFailures failures;
    private final Object writer = new Object();
    private long indexCommittedAt = System.currentTimeMillis();
    private long indexCommittedSerial;
    private long storeCheckpointedAt = System.currentTimeMillis();
    private long uncheckpointedChanges;
    private boolean closed;

    /** @param failures made from this pipeline's {@link #reopened} (see {@link PersistentDatabase#open}) */
    CommitPipeline(Journal journal, ReadView view, java.util.function.Function<Runnable, WriteFailures> failures) {
        this.journal = journal;
        this.view = view;
        this.indexCommittedSerial = view.store().lastSerial();
        this.failures = failures.apply(this::reopened);
    }

    WriteFailures failures() {
        return failures;
    }

    /** See {@link WhoisDatabase#commit(List, Runnable, List)}. */
    CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
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
            failures.requireWritable();
            precondition.run();
            List<RpslObject> objects = new ArrayList<>(changes.size());
            Map<String, Long> idsBefore = new HashMap<>();
            long freshIds = view.store().nextId();
            List<JournalChange> journalChanges = withTags(prepare(changes, objects, idsBefore), tags);
            long now = System.currentTimeMillis();
            JournalRecord record = new JournalRecord(journal.lastSerial() + 1, now, journalChanges);
            try {
                journal.append(record); // durable from here on: the rest is derived and is redone after a crash
            } catch (StorageException e) {
                failures.journalWriteFailed(); // the journal cut off what it wrote: nothing to take back
                throw e;
            }
            Runnable releaseOldSearcher;
            try {
                releaseOldSearcher = apply(record, journalChanges, objects, idsBefore, freshIds);
            } catch (RuntimeException | Error e) {
                // a change must be complete everywhere or nowhere: rather than answer "failed" for a
                // change the journal would bring back on the next start, the record is taken back
                if (failures.abandon(record, e)) {
                    throw new StorageException("the change could not be stored (" + WriteFailures.reasonOf(e)
                            + "); nothing was changed", e);
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

    /**
     * Applies a journalled commit to the index, the store, the range indexes and the caches, and
     * shows it to readers; returns what releases the index reader it replaced.
     */
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

    private Runnable apply(JournalRecord record, List<JournalChange> journalChanges, List<RpslObject> objects,
                           Map<String, Long> idsBefore, long freshIds) {
        MapStore store = view.store();
        for (int i = 0; i < journalChanges.size(); i++) {
            JournalChange c = journalChanges.get(i);
            RpslObject o = objects.get(i);
            // a created object has a new id (prepare takes it from the store's next id), which no
            // document has: the index skips the delete-by-query, which a refresh resolves in every segment
            view.index().change(c.id(), ObjectKey.of(o).type(), c.operation() == Operation.DELETE ? null : o,
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
                StoredObject cached = view.cachedObject(c.id());
                String text = cached == null ? asBefore.text(c.id(), store) : null;
                if (cached != null || text != null) {
                    oldVersions.add(cached != null ? cached.object() : RpslObject.parse(text));
                }
            }
        }
        view.index().refreshIfDue(); // now and then: the slow part of showing the index changes, while readers go on
        view.showAsBefore(asBefore);
        // a failure from here on leaves asBefore in place until the abandoned commit's reopen replaces it
        StoreApplier.apply(store, record, objects, asBefore::historyBefore);
        return view.show(journalChanges, objects, oldRanges, newRanges, oldVersions);
    }

    /**
     * Checks every change against the store and the earlier changes of the commit; assigns ids.
     * Fills {@code idsBefore} with the id each changed key has before the commit (null: none).
     */
    private List<JournalChange> prepare(List<Change> changes, List<RpslObject> objects, Map<String, Long> idsBefore) {
        Map<String, Long> pending = new HashMap<>(); // store key -> id, or -1 once deleted in this commit
        Map<Long, IpRange> pendingRanges = new HashMap<>();
        MapStore store = view.store();
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
                        Optional<IpRange> clash = view.rangeIndexes().partialOverlap(key.type(), range.get(), rid -> {
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
        Long cached = view.cachedKeyId(storeKey);
        if (cached != null) {
            return cached == ReadView.NO_ID ? null : cached;
        }
        return view.store().id(storeKey);
    }

    /** Commits the index after changes that are already acknowledged; a failure reopens it from the journal. */
    private void commitIndex(long serial) {
        try {
            view.index().commit(serial);
            indexCommittedSerial = serial;
        } catch (RuntimeException | Error e) {
            failures.derivedWriteFailed("index commit at serial " + serial, e);
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
            view.store().commit();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_CHECKPOINT_MS) {
                // readers that miss the caches wait for it (the store's locks are held while it syncs)
                LOG.info("store checkpoint of {} changes took {} ms", uncheckpointedChanges, millis);
            }
            uncheckpointedChanges = 0;
            storeCheckpointedAt = System.currentTimeMillis();
        } catch (RuntimeException | Error e) {
            // the journal holds the changes: the store reopened at its last checkpoint replays them
            failures.derivedWriteFailed("store checkpoint at serial " + view.store().lastSerial(), e);
        }
    }

    /** After the store and index were reopened (caught up with the journal): nothing is left to checkpoint. */
    private void reopened() {
        uncheckpointedChanges = 0;
        storeCheckpointedAt = System.currentTimeMillis();
        indexCommittedSerial = view.store().lastSerial();
    }

    /** Runs {@code work} while no commit runs (maintenance: snapshots, reindexing, the timers); refused once closed. */
    <T> Optional<T> whileNoCommitRuns(Supplier<T> work) {
        synchronized (writer) {
            return closed ? Optional.empty() : Optional.ofNullable(work.get());
        }
    }

    /** Checkpoints the store if changes have waited long enough (the timer). */
    void checkpointIfDue() {
        synchronized (writer) {
            if (!closed && uncheckpointedChanges > 0 && System.currentTimeMillis() - storeCheckpointedAt >= STORE_CHECKPOINT_MS) {
                checkpointStore();
            }
        }
    }

    /** Every stored range (what an import checks the ranges it adds against). */
    RangeTable rangeTable() {
        synchronized (writer) {
            return view.store().rangeTable();
        }
    }

    /** Stops taking commits; checkpoints the store and commits the index so that the next open replays nothing. */
    void close() {
        synchronized (writer) {
            if (closed) {
                return;
            }
            closed = true;
            if (uncheckpointedChanges > 0) {
                checkpointStore();
            }
            long serial = view.store().lastSerial();
            try {
                if (indexCommittedSerial != serial || view.index().committedSerial() != serial) {
                    view.index().commit(serial);
                }
            } catch (RuntimeException e) {
                LOG.warn("index commit at close failed; it catches up from the journal on the next open", e);
            }
        }
    }
}
