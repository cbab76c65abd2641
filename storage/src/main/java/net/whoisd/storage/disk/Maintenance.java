package net.whoisd.storage.disk;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.store.Snapshots;
import net.whoisd.storage.store.StoreApplier;
import net.whoisd.storage.store.StoreKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's background work, on one low-priority thread, each task while no commit runs:
 * store checkpoints, Lucene reader refreshes after the updates pause, periodic snapshots (which
 * bound the journal a recovery replays), and the look at whether refused writes can resume. Also
 * the on-demand snapshot and reindex.
 */
final class Maintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    /** Changes after the last snapshot that make the next check (or open) write a new one. */
    static final long SNAPSHOT_AFTER_CHANGES = Long.getLong("whoisd.snapshot.changes", 100_000);
    /** Property: while the database is open a snapshot is written this often if anything changed (0: never). */
    static final String SNAPSHOT_INTERVAL_PROPERTY = "whoisd.snapshot.interval-ms";
    private static final long SNAPSHOT_INTERVAL_DEFAULT_MS = 3_600_000;
    private static final long RESUME_CHECK_MS = 1000;

    private final Path dataDir;
    private final Journal journal;
    private final ReadView view;
    private final CommitPipeline pipeline;
    private final ScheduledExecutorService timer;

    Maintenance(Path dataDir, Journal journal, ReadView view, CommitPipeline pipeline, LuceneIndex.RefreshPolicy refresh) {
        this.dataDir = dataDir;
        this.journal = journal;
        this.view = view;
        this.pipeline = pipeline;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-checkpoint " + dataDir.getFileName());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // background work, behind the readers
            return t;
        });
        long checkpointMs = CommitPipeline.STORE_CHECKPOINT_MS;
        timer.scheduleWithFixedDelay(this::checkpointIfDue, checkpointMs, checkpointMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::resumeWritesIfRefused, RESUME_CHECK_MS, RESUME_CHECK_MS, TimeUnit.MILLISECONDS);
        if (refresh.intervalMillis() > 0) {
            // the last changes before a pause in the updates go into the Lucene reader too
            timer.scheduleWithFixedDelay(this::refreshIndexIfDue, refresh.intervalMillis(), refresh.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
        // periodic snapshots bound the journal a recovery replays (by time here, by count in checkpointIfDue)
        long snapshotEvery = Long.getLong(SNAPSHOT_INTERVAL_PROPERTY, SNAPSHOT_INTERVAL_DEFAULT_MS);
        if (snapshotEvery > 0) {
            timer.scheduleWithFixedDelay(this::snapshotIfChanged, snapshotEvery, snapshotEvery, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether so many changes were made since the last snapshot that a new one is due. */
    boolean snapshotDue() {
        MapStore store = view.store();
        return journal.lastSerial() - store.snapshotSerial() >= SNAPSHOT_AFTER_CHANGES;
    }

    private void checkpointIfDue() {
        pipeline.checkpointIfDue();
        pipeline.whileNoCommitRuns(() -> {
            if (snapshotDue()) {
                snapshotQuietly();
            }
            return null;
        });
    }

    /** Refreshes the Lucene reader with the commits answered from memory, if they are old enough. */
    private void refreshIndexIfDue() {
        pipeline.whileNoCommitRuns(() -> {
            if (view.index().refreshIfDue()) {
                view.swapIndexReader();
            }
            return null;
        });
    }

    /** The timer's snapshot: written only if something changed since the last one. */
    private void snapshotIfChanged() {
        pipeline.whileNoCommitRuns(() -> {
            if (view.store().lastSerial() > view.store().snapshotSerial()) {
                snapshotQuietly();
            }
            return null;
        });
    }

    private void resumeWritesIfRefused() {
        if (pipeline.failures().refused().isPresent()) {
            pipeline.whileNoCommitRuns(() -> pipeline.failures().resume());
        }
    }

    private void snapshotQuietly() {
        try {
            Snapshots.write(view.store(), dataDir, journal);
        } catch (RuntimeException e) {
            // the journal still holds every change since the previous snapshot; the next timer tries again
            LOG.error("periodic snapshot in {} failed", dataDir, e);
        }
    }

    /** Writes a snapshot of the store now (bounds the journal a recovery must replay). */
    Path snapshot() {
        return pipeline.whileNoCommitRuns(() -> Snapshots.write(view.store(), dataDir, journal))
                .orElseThrow(() -> new StorageException("database is closed"));
    }

    /** Rebuilds the Lucene index, the stored ranges and the range indexes from the objects in the store. */
    void reindex() {
        pipeline.whileNoCommitRuns(() -> {
            view.replaceAll(() -> {
                MapStore store = view.store();
                store.forEachKey(e -> {
                    ObjectKey key = StoreKeys.parse(e.getKey());
                    if (RangeIndexes.indexed(key.type())) {
                        store.putRange(e.getValue(), StoreApplier.range(key, RpslObject.parse(store.text(e.getValue()))));
                    }
                });
                store.commit();
                Recovery.rebuildIndex(view.index(), store);
                return new Recovery.Derived(store, view.index(), RangeIndexes.load(store.rangeTable()));
            });
            return Boolean.TRUE;
        }).orElseThrow(() -> new StorageException("database is closed"));
    }

    /** Stops the timers; a task in progress finishes first. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
