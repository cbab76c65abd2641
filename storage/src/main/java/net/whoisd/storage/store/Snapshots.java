package net.whoisd.storage.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing a snapshot of the store, and rebuilding the store from the newest snapshot plus the journal. */
public final class Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    public static final String DIR = "snapshots";
    private static final int REPLAY_BATCH = 1000;

    private Snapshots() {
    }

    /**
     * Writes the store as it is now as a snapshot at its last serial (live objects in id order, then
     * the histories of deleted objects), starts a new journal segment and removes older snapshots.
     * The caller keeps writers out meanwhile.
     */
    public static Path write(MapStore store, Path dataDir, Journal journal) {
        long started = System.nanoTime();
        long serial = store.lastSerial();
        List<String> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        store.forEachKey(e -> {
            keys.add(e.getKey());
            ids.add(e.getValue());
        });
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids.get(a), ids.get(b)));
        Set<String> live = new HashSet<>(keys);
        Path dir = dataDir.resolve(DIR);
        try (Snapshot.Writer w = new Snapshot.Writer(dir, new Snapshot.Header(serial, System.currentTimeMillis(), store.nextId(), store.source()))) {
            for (Integer i : order) {
                String k = keys.get(i);
                long id = ids.get(i);
                w.add(new SnapshotEntry(k, id, store.text(id), store.history(k)));
            }
            store.forEachHistory(e -> {
                if (!live.contains(e.getKey())) {
                    try {
                        w.add(new SnapshotEntry(e.getKey(), -1, null, e.getValue()));
                    } catch (IOException ex) {
                        throw new StorageException("snapshot write failed: " + ex.getMessage(), ex);
                    }
                }
            });
            Path file = w.finish();
            store.setSnapshotSerial(serial);
            store.commit();
            journal.rotate();
            for (Path old : Snapshot.older(dir)) {
                Files.deleteIfExists(old);
            }
            LOG.info("snapshot at serial {}: {} objects in {} ms", serial, keys.size(), (System.nanoTime() - started) / 1_000_000);
            return file;
        } catch (IOException e) {
            throw new StorageException("snapshot write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Throws the store away and builds it again from the newest snapshot, then replays the journal
     * after it. Returns the rebuilt, open store and the ranges it holds.
     */
    public static MapStore.Opened rebuild(Path dataDir, String source, Journal journal, long openTimeoutSeconds) {
        long started = System.nanoTime();
        var latest = Snapshot.latest(dataDir.resolve(DIR));
        long[] position = {0, 1};
        try (MapStore.Builder builder = new MapStore.Builder(dataDir, source)) {
            if (latest.isPresent()) {
                LOG.warn("rebuilding the store from snapshot {}", latest.get().getFileName());
                long[] count = {0};
                Snapshot.Header h = Snapshot.read(latest.get(), e -> {
                    if (e.id() < 0) {
                        builder.addDeleted(e.storeKey(), e.history());
                    } else {
                        ObjectKey key = StoreKeys.parse(e.storeKey());
                        long[] range = needsRange(key) ? StoreApplier.range(key, RpslObject.parse(e.text())) : null;
                        builder.add(e.storeKey(), e.id(), e.text(), e.history(), range);
                    }
                    if (++count[0] % 200_000 == 0) {
                        LOG.info("rebuild: {} snapshot entries loaded", count[0]);
                    }
                });
                if (!h.source().equals(source)) {
                    throw new StorageException("snapshot " + latest.get() + " holds source " + h.source() + ", not " + source);
                }
                position[0] = h.serial();
                position[1] = h.nextId();
            } else {
                LOG.warn("rebuilding the store from the journal (no snapshot)");
            }
            builder.finish(position[0], position[1], position[0]);
        }
        journal.continueAfter(position[0]);
        MapStore.Opened opened = MapStore.openChecked(dataDir, openTimeoutSeconds);
        catchUp(opened.store(), journal);
        LOG.info("store rebuilt at serial {} with {} objects in {} ms", opened.store().lastSerial(), opened.store().size(),
                (System.nanoTime() - started) / 1_000_000);
        return new MapStore.Opened(opened.store(), opened.store().rangeTable());
    }

    private static boolean needsRange(ObjectKey key) {
        return net.whoisd.storage.range.RangeIndexes.indexed(key.type());
    }

    /** Applies the journal records the store does not hold yet; returns how many changes were applied. */
    public static long catchUp(MapStore store, Journal journal) {
        long from = store.lastSerial();
        if (from >= journal.lastSerial()) {
            return 0;
        }
        if (from < journal.firstSerial() - 1) {
            throw new DamagedStoreException("store at serial " + from + " is older than the journal's start " + journal.firstSerial());
        }
        LOG.info("store at serial {}, journal at {}: replaying", from, journal.lastSerial());
        long[] applied = {0, 0};
        journal.replay(from, (JournalRecord r) -> {
            if (r.firstSerial() <= store.lastSerial()) {
                return; // a record the store already holds (records are applied whole)
            }
            StoreApplier.apply(store, r, null);
            applied[0] += r.changes().size();
            if (++applied[1] % REPLAY_BATCH == 0) {
                store.commit();
                LOG.info("replay: at serial {}", r.lastSerial());
            }
        });
        store.commit();
        return applied[0];
    }

    /** The newest snapshot's header, if there is one. */
    public static java.util.Optional<Long> latestSerial(Path dataDir) {
        return Snapshot.latest(dataDir.resolve(DIR)).map(p -> {
            String n = p.getFileName().toString();
            return Long.parseLong(n.substring(0, 20));
        });
    }
}
