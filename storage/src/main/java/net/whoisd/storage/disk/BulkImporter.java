package net.whoisd.storage.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.whoisd.rpsl.DumpReader;
import net.whoisd.rpsl.IpRange;
import net.whoisd.rpsl.ObjectKey;
import net.whoisd.rpsl.ObjectType;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslObject;
import net.whoisd.rpsl.Severity;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ValidationResult;
import net.whoisd.storage.Change;
import net.whoisd.storage.DumpReadException;
import net.whoisd.storage.Operation;
import net.whoisd.storage.StorageException;
import net.whoisd.storage.StoredObject;
import net.whoisd.storage.index.LuceneIndex;
import net.whoisd.storage.journal.Journal;
import net.whoisd.storage.range.NestingCheck;
import net.whoisd.storage.range.RangeIndexes;
import net.whoisd.storage.store.MapStore;
import net.whoisd.storage.range.RangeTable;
import net.whoisd.storage.store.Snapshot;
import net.whoisd.storage.store.SnapshotEntry;
import net.whoisd.storage.store.Snapshots;
import net.whoisd.storage.store.StoreKeys;
import net.whoisd.storage.store.Version;
import net.whoisd.storage.store.Versions;

/**
 * Loads RPSL dump files (plain or gzip) into a data directory. Objects may come in any order and
 * refer to each other freely: references are not checked. Each object is validated (LENIENT by
 * default, STRICT on request); a rejected object is reported with file:line and the rest load.
 * Leniently, every object with a known class, a non-empty primary key and the right (or no) source
 * loads; what is wrong with it is reported as a warning with file:line and counted by reason, and
 * an object with a warning is stored exactly as the dump has it (not normalised). A primary key that
 * is an {@code AUTO-n} placeholder is refused in both modes: only an update can assign the real key.
 *
 * <p>Into an empty data directory the fast path builds everything in one pass: a snapshot file (the
 * durable record of the load, instead of one journal entry per object), the MapDB store without
 * transactions, the Lucene index in bulk and the range table; the snapshot's rename is the commit
 * point. Into a non-empty one the difference is committed as ordinary changes: creates and modifies,
 * and with {@code replace} deletes of objects missing from the dump, all in one atomic commit.
 *
 * <p>A file that cannot be read to its end ({@link DumpReadException}) abandons the whole import:
 * nothing is committed on either path, and nothing is deleted because a broken dump lacked it.
 */
public final class BulkImporter {
    private static final int BATCH = 1000;
    private static final long PROGRESS_EVERY_MS = 2000;

    /** Where the importer reports. */
    public interface Listener {
        /** An object that was not loaded, with where it starts and why. */
        void rejected(String file, int line, String reason);

        /** A problem of an object that was loaded (or of a deleted object of a legacy dump that was skipped). */
        default void warning(String file, int line, String reason) {
        }

        /** Called every couple of seconds while reading. */
        void progress(long objects, long bytesRead, long totalBytes, long elapsedMillis);
    }

    /**
     * What an import did.
     *
     * @param loaded     objects accepted (created, modified or unchanged)
     * @param rejected   objects that failed to parse or validate
     * @param duplicates objects whose key was already seen earlier in the dump (the first one wins)
     * @param warnings   the problems of loaded objects, counted by reason
     * @param created    objects created (all loaded objects on the fast path)
     * @param modified   objects changed
     * @param deleted    objects deleted (only with replace)
     * @param fastPath   whether the empty-store fast path was taken
     * @param serial     the database serial after the import
     * @param millis     time taken
     */
    public record Summary(long loaded, long rejected, long duplicates, ImportWarnings warnings, long created, long modified,
                          long deleted, boolean fastPath, long serial, long millis) {
    }

    private final Path dataDir;
    private final String source;
    private final boolean strict;
    private final boolean replace;
    private final Listener listener;

    public BulkImporter(Path dataDir, String source, boolean strict, boolean replace, Listener listener) {
        this.dataDir = dataDir;
        this.source = source.toUpperCase(Locale.ROOT);
        this.strict = strict;
        this.replace = replace;
        this.listener = listener;
    }

    public Summary importFiles(List<Path> files) throws IOException {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new IOException("cannot read " + f);
            }
        }
        boolean empty;
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            empty = isEmpty();
            if (empty) {
                return fastImport(files);
            }
        }
        return incrementalImport(files);
    }

    /** No change was ever journaled, no snapshot, and the store (if any) holds nothing. */
    private boolean isEmpty() {
        if (Snapshots.latestSerial(dataDir).isPresent()) {
            return false;
        }
        try (Journal journal = Journal.open(dataDir.resolve("journal"))) {
            return journal.lastSerial() == 0;
        }
    }

    // ------------------------------------------------------------------ reading

    /** One accepted object of the dump. */
    private record Accepted(ObjectKey key, String storeKey, RpslObject object, String text, IpRange range) {
    }

    private interface Sink {
        void accept(Accepted object) throws IOException;
    }

    /** Counters shared by both paths. */
    private static final class Tally {
        long loaded;
        long rejected;
        long duplicates;
        final ImportWarnings warnings = new ImportWarnings();
    }

    private void read(List<Path> files, Tally tally, Set<String> seen, NestingCheck nesting, Sink sink) throws IOException {
        ObjectValidator validator = new ObjectValidator(strict ? ValidationMode.STRICT : ValidationMode.LENIENT, source);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        long started = System.currentTimeMillis();
        long lastProgress = started;
        long doneBytes = 0;
        long count = 0;
        for (Path file : files) {
            try (DumpReader reader = DumpReader.open(file)) {
                while (reader.hasNext()) {
                    ParsedObject parsed = reader.next();
                    Optional<String> failure = reader.readFailure();
                    if (failure.isPresent()) {
                        throw new DumpReadException(file.toString(), parsed.line(), failure.get());
                    }
                    count++;
                    Optional<Accepted> accepted = check(parsed, validator, file.toString(), tally, seen, nesting);
                    if (accepted.isPresent()) {
                        sink.accept(accepted.get());
                        tally.loaded++;
                    }
                    if ((count & 1023) == 0) {
                        long now = System.currentTimeMillis();
                        if (now - lastProgress >= PROGRESS_EVERY_MS) {
                            listener.progress(count, doneBytes + reader.bytesRead(), total, now - started);
                            lastProgress = now;
                        }
                    }
                }
                doneBytes += Files.size(file);
            }
        }
        listener.progress(count, total, total, System.currentTimeMillis() - started);
    }

    private static final int PIPE_BATCH = 512;
    private static final List<Accepted> END = List.of();

    /**
     * Like {@link #read}, but parsing and validation run on their own thread, a batch ahead of
     * {@code sink} (the bulk load has two cores to use).
     */
    private void readPipelined(List<Path> files, Tally tally, Set<String> seen, NestingCheck nesting, Sink sink) throws IOException {
        BlockingQueue<List<Accepted>> queue = new ArrayBlockingQueue<>(16);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            List<List<Accepted>> batch = new ArrayList<>(List.of(new ArrayList<>(PIPE_BATCH)));
            try {
                read(files, tally, seen, nesting, a -> {
                    batch.get(0).add(a);
                    if (batch.get(0).size() == PIPE_BATCH) {
                        put(queue, batch.get(0));
                        batch.set(0, new ArrayList<>(PIPE_BATCH));
                    }
                });
                if (!batch.get(0).isEmpty()) {
                    put(queue, batch.get(0));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                put(queue, END);
            }
        }, "import-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                List<Accepted> batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (Accepted a : batch) {
                    sink.accept(a);
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("import interrupted");
        } finally {
            if (reader.isAlive()) {
                reader.interrupt();
            }
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t != null) {
            throw new IOException("import failed: " + t, t);
        }
    }

    private static void put(BlockingQueue<List<Accepted>> queue, List<Accepted> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import reader interrupted");
        }
    }

    private Optional<Accepted> check(ParsedObject parsed, ObjectValidator validator, String file, Tally tally, Set<String> seen,
                                     NestingCheck nesting) {
        if (parsed.isSkipped()) {
            warn(parsed.problems(), file, tally);
            return Optional.empty();
        }
        if (parsed.object() == null || parsed.hasErrors()) {
            tally.rejected++;
            listener.rejected(file, parsed.line(), firstError(parsed.problems(), "no object in paragraph"));
            return Optional.empty();
        }
        ValidationResult result = validator.validate(parsed.object());
        if (!result.isValid()) {
            tally.rejected++;
            listener.rejected(file, parsed.line(), firstError(result.problems(), "invalid object"));
            return Optional.empty();
        }
        ObjectType type = result.object().type().orElseThrow();
        if (ObjectKey.isPlaceholder(type, result.object())) {
            tally.rejected++;
            listener.rejected(file, parsed.line(), "primary key " + ObjectKey.primaryKey(type, result.object())
                    + " is a placeholder that only an update turns into a key; not loaded");
            return Optional.empty();
        }
        boolean warned = hasWarnings(parsed.problems()) | hasWarnings(result.problems());
        // a leniently loaded object is kept as it came: its warnings say what is wrong, nothing is fixed silently
        RpslObject object = warned && !strict ? parsed.object() : result.object();
        ObjectKey key = new ObjectKey(type, ObjectKey.primaryKey(type, object));
        String storeKey = StoreKeys.of(key);
        if (!seen.add(storeKey)) {
            tally.duplicates++;
            listener.rejected(file, parsed.line(), "duplicate of " + key + " earlier in the dump (ignored)");
            return Optional.empty();
        }
        IpRange range = null;
        if (RangeIndexes.indexed(key.type())) {
            range = RangeIndexes.rangeOf(key.type(), object).orElse(null);
            Optional<IpRange> clash = range == null ? Optional.empty() : nesting.add(key.type(), range);
            if (clash.isPresent()) {
                seen.remove(storeKey);
                tally.rejected++;
                listener.rejected(file, parsed.line(), key.type().attributeName() + " " + range + " partially overlaps "
                        + clash.get() + " of an object loaded before it");
                return Optional.empty();
            }
        }
        if (warned) {
            warn(parsed.problems(), file, tally);
            warn(result.problems(), file, tally);
        }
        // written out here, on the reading thread: the writing thread has the store, the snapshot and more
        return Optional.of(new Accepted(key, storeKey, object, object.toText(), range));
    }

    private static boolean hasWarnings(List<Problem> problems) {
        for (Problem p : problems) {
            if (p.severity() == Severity.WARNING) {
                return true;
            }
        }
        return false;
    }

    private void warn(List<Problem> problems, String file, Tally tally) {
        for (Problem p : problems) {
            if (p.severity() == Severity.WARNING) {
                tally.warnings.add(p);
                listener.warning(file, p.line(), (p.attribute() != null ? p.attribute() + ": " : "") + p.message());
            }
        }
    }

    private static String firstError(List<Problem> problems, String fallback) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (p.isError()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(p.attribute() != null ? p.attribute() + ": " : "").append(p.message());
            }
        }
        return sb.length() == 0 ? fallback : sb.toString();
    }

    // ------------------------------------------------------------------ fast path

    private Summary fastImport(List<Path> files) throws IOException {
        long started = System.currentTimeMillis();
        long serial = currentSerialBeside(files.get(0)).orElse(0L);
        long now = System.currentTimeMillis();
        Tally tally = new Tally();
        Set<String> seen = new HashSet<>();
        deleteIndex();
        Path snapshots = dataDir.resolve(Snapshots.DIR);
        long[] nextId = {1};
        boolean committed = false;
        try (Snapshot.Writer snapshot = new Snapshot.Writer(snapshots, new Snapshot.Header(serial, now, 0, source));
             MapStore.Builder store = new MapStore.Builder(dataDir, source);
             LuceneIndex index = LuceneIndex.open(dataDir.resolve(LuceneIndex.DIR), true)) {
            byte[] history = Versions.encode(List.of(new Version(Operation.CREATE, serial, now, null)));
            BulkIndexer indexer = new BulkIndexer(index);
            try {
                readPipelined(files, tally, seen, new NestingCheck(), a -> {
                    long id = nextId[0]++;
                    String text = a.text();
                    String storeKey = a.storeKey();
                    long[] range = a.range() == null ? null : RangeTable.encode(a.key().type(), a.range());
                    snapshot.add(new SnapshotEntry(storeKey, id, text, history));
                    store.add(storeKey, id, text, history, range);
                    indexer.add(id, a.key().type(), a.object());
                });
                indexer.finish();
            } finally {
                indexer.stop();
            }
            // Lucene writes its segments while the store is finished on this thread. That commit is
            // marked as not valid (-1), so a crash before the end makes the next open rebuild the index.
            AtomicReference<RuntimeException> flushFailure = new AtomicReference<>();
            Thread flusher = new Thread(() -> {
                try {
                    index.commit(-1);
                } catch (RuntimeException e) {
                    flushFailure.set(e);
                }
            }, "import-index-flush");
            flusher.start();
            // the snapshot is the durable record of the load: once it is in place the import has happened
            snapshot.setNextId(nextId[0]);
            snapshot.finish();
            committed = true;
            store.finish(serial, nextId[0], serial);
            join(flusher);
            if (flushFailure.get() != null) {
                throw flushFailure.get();
            }
            index.commit(serial);
        } catch (IOException | RuntimeException e) {
            if (!committed) {
                discardBulkLoad(); // the unfinished snapshot went with its writer
            }
            throw e;
        }
        try (Journal journal = Journal.open(dataDir.resolve("journal"))) {
            journal.continueAfter(serial);
        }
        return new Summary(tally.loaded, tally.rejected, tally.duplicates, tally.warnings, tally.loaded, 0, 0, true, serial,
                System.currentTimeMillis() - started);
    }

    /**
     * Removes the store and index files of a bulk load abandoned before its commit point, so that the
     * data directory is empty again (store and index are created afresh when it is opened).
     */
    private void discardBulkLoad() throws IOException {
        MapStore.delete(dataDir);
        deleteIndex();
    }

    /** Feeds the Lucene index from its own thread, in batches, with a bounded backlog. */
    private static final class BulkIndexer {
        private record Doc(long id, ObjectType type, RpslObject object) {
        }

        private final LuceneIndex index;
        /** IndexWriter takes documents from several threads at once (one in-memory segment each). */
        private static final int THREADS = 2;
        private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * THREADS), r -> {
                    Thread t = new Thread(r, "import-indexer");
                    t.setDaemon(true);
                    return t;
                }, BulkIndexer::waitForRoom);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private List<Doc> batch = new ArrayList<>(PIPE_BATCH);

        BulkIndexer(LuceneIndex index) {
            this.index = index;
        }

        void add(long id, ObjectType type, RpslObject object) {
            batch.add(new Doc(id, type, object));
            if (batch.size() == PIPE_BATCH) {
                flush();
            }
        }

        private void flush() {
            List<Doc> docs = batch;
            batch = new ArrayList<>(PIPE_BATCH);
            executor.execute(() -> {
                try {
                    for (Doc d : docs) {
                        index.add(d.id(), d.type(), d.object());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        /** A full backlog makes the producer wait (rather than index on its own thread, which would stall the store writes). */
        private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
            try {
                executor.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while indexing");
            }
        }

        /**
         * Ends the indexing threads, dropping the batches not begun (nothing is left running when a
         * load is abandoned). The running ones finish: IndexWriter must not be interrupted.
         */
        void stop() {
            executor.getQueue().clear();
            executor.shutdown();
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void finish() {
            flush();
            executor.shutdown();
            try {
                if (!executor.awaitTermination(1, TimeUnit.HOURS)) {
                    throw new StorageException("indexing did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while indexing");
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    private static void join(Thread t) throws IOException {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the index was written");
        }
    }

    private void deleteIndex() throws IOException {
        Path index = dataDir.resolve(LuceneIndex.DIR);
        if (Files.isDirectory(index)) {
            try (Stream<Path> s = Files.list(index)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The serial in a {@code <SOURCE>.CURRENTSERIAL} file beside the first dump file (as an export writes). */
    private Optional<Long> currentSerialBeside(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        Path serialFile = parent.resolve(source + ".CURRENTSERIAL");
        if (!Files.isRegularFile(serialFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(serialFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ into a non-empty store

    private Summary incrementalImport(List<Path> files) throws IOException {
        long started = System.currentTimeMillis();
        Tally tally = new Tally();
        Set<String> seen = new HashSet<>();
        long[] counts = new long[3]; // created, modified, deleted
        try (PersistentDatabase db = PersistentDatabase.open(dataDir, source)) {
            // nothing is committed until every file has been read to its end: a dump that breaks off
            // (DumpReadException) leaves the store as it was
            List<Change> pending = new ArrayList<>();
            read(files, tally, seen, NestingCheck.of(db.rangeTable()), a -> {
                Optional<StoredObject> existing = db.get(a.key().type(), a.key().key());
                if (existing.isEmpty()) {
                    pending.add(Change.create(a.object()));
                    counts[0]++;
                } else if (!existing.get().object().toText().equals(a.text())) {
                    pending.add(Change.modify(a.object()));
                    counts[1]++;
                }
            });
            if (replace) {
                db.forEach(o -> {
                    if (!seen.contains(StoreKeys.of(o.key()))) {
                        pending.add(Change.delete(o.object()));
                        counts[2]++;
                    }
                });
            }
            if (replace) {
                if (!pending.isEmpty()) {
                    db.commit(pending); // the whole difference in one atomic commit
                }
            } else {
                for (int from = 0; from < pending.size(); from += BATCH) {
                    db.commit(List.copyOf(pending.subList(from, Math.min(from + BATCH, pending.size()))));
                }
            }
            return new Summary(tally.loaded, tally.rejected, tally.duplicates, tally.warnings, counts[0], counts[1], counts[2], false,
                    db.currentSerial(), System.currentTimeMillis() - started);
        }
    }
}
