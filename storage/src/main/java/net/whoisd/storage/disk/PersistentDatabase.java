package net.whoisd.storage.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.storage.Change;
import net.whoisd.storage.CommitResult;
import net.whoisd.storage.ObjectVersion;
import net.whoisd.storage.RangeQuery;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.TaggedChange;
import net.whoisd.storage.WhoisDatabase;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.journal.JournalChange;
import net.whoisd.storage.range.RangeTable;
import net.whoisd.storage.store.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database on disk: journal (the durable truth), MapDB store (objects, keys, history, ranges),
 * Lucene index and in-memory IP range indexes. See docs/storage.md for the layout and the
 * durability model. A facade over the parts that do the work:
 *
 * <ul>
 *   <li>{@link Recovery} opens the store and the index and catches them up with the journal;</li>
 *   <li>{@link ReadView} answers readers, with the caches;</li>
 *   <li>{@link CommitPipeline} is the one way changes get in (journal first, then the derived data);</li>
 *   <li>{@link WriteFailures} takes back a commit whose writes failed and refuses commits on a full disk;</li>
 *   <li>{@link Maintenance} checkpoints, refreshes, snapshots and reindexes.</li>
 * </ul>
 */
public final class PersistentDatabase implements WhoisDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentDatabase.class);
    /** Property: megabytes held back on the data directory's file system for rolling back a failed write. */
    static final String RESERVE_PROPERTY = "whoisd.store.reserve-mb";
    /** Property: megabytes that must be free beside the reserve for a commit to be taken. */
    static final String MIN_FREE_PROPERTY = "whoisd.store.min-free-mb";
    private static final long MB = 1L << 20;

    private final Path dataDir;
    private final String source;
    private final DataDirLock lock;
    private final Journal journal;
    private final ReadView view;
    private final CommitPipeline pipeline;
    private final Maintenance maintenance;
    private boolean closed;

    private PersistentDatabase(Path dataDir, String source, DataDirLock lock, Journal journal, ReadView view,
                               CommitPipeline pipeline, Maintenance maintenance) {
        this.dataDir = dataDir;
        this.source = source;
        this.lock = lock;
        this.journal = journal;
        this.view = view;
        this.pipeline = pipeline;
        this.maintenance = maintenance;
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
        Recovery.Derived derived = null;
        Maintenance maintenance = null;
        try {
            journal = Journal.open(dataDir.resolve("journal"));
            journal.continueAfter(Snapshots.latestSerial(dataDir).orElse(0L));
            derived = Recovery.open(dataDir, source, journal, refresh);
            ReadView view = new ReadView(derived);
            Journal j = journal;
            DiskReserve reserve = new DiskReserve(dataDir, reserveBytes, minFreeBytes);
            CommitPipeline pipeline = new CommitPipeline(journal, view,
                    reopened -> new WriteFailures(dataDir, source, j, refresh, reserve, view, reopened));
            maintenance = new Maintenance(dataDir, journal, view, pipeline, refresh);
            PersistentDatabase db = new PersistentDatabase(dataDir, source, lock, journal, view, pipeline, maintenance);
            if (maintenance.snapshotDue()) {
                db.snapshot();
            }
            LOG.info("database {} opened at serial {} with {} objects in {} ms", dataDir, view.store().lastSerial(),
                    view.store().size(), (System.nanoTime() - started) / 1_000_000);
            return db;
        } catch (RuntimeException | Error e) {
            if (maintenance != null) {
                maintenance.close();
            }
            if (derived != null) {
                Recovery.closeQuietly(derived.index());
                Recovery.closeQuietly(derived.store());
            }
            Recovery.closeQuietly(journal);
            lock.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<StoredObject> get(ObjectType type, String primaryKey) {
        return view.get(type, primaryKey);
    }

    @Override
    public Optional<StoredObject> byId(long id) {
        return view.byId(id);
    }

    @Override
    public List<StoredObject> lookup(String searchKey, Set<ObjectType> types) {
        return view.lookup(searchKey, types);
    }

    @Override
    public List<StoredObject> inverse(String attribute, String value, Set<ObjectType> types) {
        return view.inverse(attribute, value, types);
    }

    /** Objects of the given classes whose descriptive text holds every word of the query. */
    public List<StoredObject> fullText(String query, Set<ObjectType> types) {
        return view.fullText(query, types);
    }

    @Override
    public List<StoredObject> ranges(ObjectType type, IpRange range, RangeQuery query) {
        return view.ranges(type, range, query);
    }

    @Override
    public List<ObjectVersion> history(ObjectType type, String primaryKey) {
        return view.history(type, primaryKey);
    }

    @Override
    public boolean showingCommit() {
        return view.showingCommit();
    }

    @Override
    public long currentSerial() {
        return view.currentSerial();
    }

    @Override
    public long size() {
        return view.size();
    }

    @Override
    public void forEach(Consumer<StoredObject> visitor) {
        view.forEach(visitor);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public CommitResult commit(List<Change> changes) {
        return pipeline.commit(changes, () -> { }, List.of());
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition) {
        return pipeline.commit(changes, precondition, List.of());
    }

    @Override
    public CommitResult commit(List<Change> changes, Runnable precondition, List<String> tags) {
        return pipeline.commit(changes, precondition, tags);
    }

    @Override
    public List<TaggedChange> taggedChanges(long afterSerial) {
        List<TaggedChange> found = new ArrayList<>();
        journal.replay(afterSerial, record -> {
            for (int i = 0; i < record.changes().size(); i++) {
                JournalChange c = record.changes().get(i);
                long serial = record.firstSerial() + i;
                if (c.tag() != null && serial > afterSerial) {
                    found.add(new TaggedChange(c.tag(), serial, new Change(c.operation(), RpslObject.parse(c.text()))));
                }
            }
        });
        return found;
    }

    /** Why commits are refused now, if they are (for health checks). */
    @Override
    public Optional<String> writesRefused() {
        return pipeline.failures().refused();
    }

    /** Every stored range (what an import checks the ranges it adds against). */
    RangeTable rangeTable() {
        return pipeline.rangeTable();
    }

    /** Writes a snapshot of the store now (bounds the journal a recovery must replay). */
    public Path snapshot() {
        return maintenance.snapshot();
    }

    /** Rebuilds the Lucene index, the stored ranges and the range indexes from the objects in the store. */
    public void reindex() {
        maintenance.reindex();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pipeline.close(); // waits for a maintenance task in progress; those after it find the pipeline closed
            maintenance.close();
            Recovery.closeQuietly(view.index());
            Recovery.closeQuietly(view.store());
            Recovery.closeQuietly(journal);
            lock.close();
        }
    }
}
