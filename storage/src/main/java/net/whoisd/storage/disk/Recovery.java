package net.whoisd.storage.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.DamagedStoreException;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.range.RangeTable;
import net.whoisd.storage.store.Snapshots;
import net.whoisd.storage.store.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the derived data up to the journal: opens (or rebuilds) the MapDB store and replays the
 * journal into it, catches the Lucene index up, and loads the range indexes. Used on open and
 * after a write that failed. See docs/storage.md, "Recovery".
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** A MapDB store that cannot be opened and checked within this time is treated as damaged. */
    static final long OPEN_TIMEOUT_SECONDS = Long.getLong("whoisd.store.open-timeout", 120);
    private static final String DAMAGED_MARK = "store.damaged";

    private Recovery() {
    }

    /** The store, index and range indexes, caught up with the journal. */
    record Derived(MapStore store, LuceneIndex index, RangeIndexes ranges) {
    }

    /** Opens the store and the index in {@code dataDir} and catches both up with the journal. */
    static Derived open(Path dataDir, String source, Journal journal, LuceneIndex.RefreshPolicy refresh) {
        MapStore.Opened opened = openStore(dataDir, source, journal);
        MapStore store = opened.store();
        LuceneIndex index = null;
        try {
            if (!store.source().equals(source)) {
                throw new StorageException("data directory " + dataDir + " holds source " + store.source() + ", not " + source);
            }
            index = LuceneIndex.open(dataDir.resolve(LuceneIndex.DIR), false, refresh);
            catchUpIndex(index, store, journal);
            return new Derived(store, index, RangeIndexes.load(opened.ranges()));
        } catch (RuntimeException | Error e) {
            closeQuietly(index);
            closeQuietly(store);
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
            clearDamaged(dataDir);
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

    /** Makes the next open rebuild the store from the snapshot and the journal. */
    static void markDamaged(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve(DAMAGED_MARK), "rebuild\n");
        } catch (java.io.IOException e) {
            LOG.error("cannot mark the store as damaged", e);
        }
    }

    static void clearDamaged(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(DAMAGED_MARK));
        } catch (java.io.IOException e) {
            LOG.warn("cannot remove {}: {}", dataDir.resolve(DAMAGED_MARK), e.toString());
        }
    }

    static void closeQuietly(AutoCloseable c) {
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
